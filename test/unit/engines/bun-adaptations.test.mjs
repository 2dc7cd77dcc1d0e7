// src/engines/bun.ts adaptations, applied by src/transports/legacy.ts, on an engine socket that
// behaves as the real Bun release measured in test/engines-real (the suite there runs the same
// checks in real Bun 1.3.14, 1.4.3 and 1.4.4): what the state machine is told, in order.
import { expect } from 'chai';
import { load } from '../_helpers.mjs';

const { legacyBackend } = load('transports/legacy');

/** An engine socket as Bun's: an EventTarget whose close() may fire its close event inside the call. */
function bunEngine({ closeInside = false } = {}) {
  const made = [];
  class Engine extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.readyState = 0;
      this.protocol = '';
      this.extensions = '';
      made.push(this);
    }
    close(code, reason) {
      this.readyState = closeInside ? 3 : 2;
      if (closeInside) this.fire('close', { code, reason, wasClean: true });
    }
    fire(type, props = {}) {
      if (type === 'open') this.readyState = 1;
      if (type === 'close') this.readyState = 3;
      this.dispatchEvent(Object.assign(new Event(type), props));
    }
  }
  return { Engine, made };
}

function recorder() {
  const log = [];
  return {
    log,
    open: (protocol) => log.push(['open', protocol]),
    message: (data) => log.push(['message', data]),
    closing: () => log.push(['closing']),
    close: (r) => log.push(['close', r.code, r.reason, r.wasClean, r.failure ? 'failure' : 'no failure'])
  };
}

/** A transport of `Engine` with the Bun family probed at `version`. */
function transportAt(version, Engine, protocols = []) {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'Bun');
  Object.defineProperty(globalThis, 'Bun', { value: { version }, configurable: true, writable: true });
  try {
    const backend = legacyBackend(Engine, 'WebSocket');
    const events = recorder();
    return { t: backend.create('ws://127.0.0.1:1/', protocols, undefined, events), events };
  } finally {
    if (saved) Object.defineProperty(globalThis, 'Bun', saved);
    else delete globalThis.Bun;
  }
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('engines/bun: adaptations by Bun.version (measured in real Bun, test/engines-real)', function () {
  it('bug: Bun 1.4.3 closes cleanly with 1002 "Missing client protocol" when no offered protocol is selected; now the connection fails', function () {
    const { Engine, made } = bunEngine();
    const { events } = transportAt('1.4.3', Engine, ['chat']);
    made[0].fire('close', { code: 1002, reason: 'Missing client protocol', wasClean: true });
    expect(events.log).to.deep.equal([['close', undefined, '', false, 'failure']]);
  });

  for (const version of ['1.4.4', '1.4.5']) {
    it(`Bun ${version} (fixed): a clean close after open is passed on as it is`, function () {
      const { Engine, made } = bunEngine();
      const { events } = transportAt(version, Engine, ['chat']);
      made[0].protocol = 'chat';
      made[0].fire('open');
      made[0].fire('close', { code: 1002, reason: 'x', wasClean: true });
      expect(events.log).to.deep.equal([['open', 'chat'], ['close', 1002, 'x', true, 'no failure']]);
    });
  }

  it('bug: Bun 1.3.14 fires the close event inside close(); now it reaches the state machine in a later task', async function () {
    const { Engine, made } = bunEngine({ closeInside: true });
    const { t, events } = transportAt('1.3.14', Engine);
    made[0].fire('open');
    t.close(3000, 'one');
    expect(events.log).to.deep.equal([['open', '']]);
    await tick();
    expect(events.log).to.deep.equal([['open', ''], ['close', 3000, 'one', true, 'no failure']]);
  });

  it('Bun 1.3.14: abort() after close() drops the deferred close event (no more events)', async function () {
    const { Engine, made } = bunEngine({ closeInside: true });
    const { t, events } = transportAt('1.3.14', Engine);
    made[0].fire('open');
    t.close(1000);
    t.abort();
    await tick();
    expect(events.log).to.deep.equal([['open', '']]);
  });

  it("bug: Bun 1.3.14 reports a peer's close frame as unclean; now clean, with its code and reason (1006 stays unclean)", function () {
    const { Engine, made } = bunEngine();
    const a = transportAt('1.3.14', Engine);
    made[0].fire('open');
    made[0].fire('close', { code: 4001, reason: 'bye', wasClean: false });
    expect(a.events.log).to.deep.equal([['open', ''], ['close', 4001, 'bye', true, 'no failure']]);
    const b = transportAt('1.3.14', Engine);
    made[1].fire('open');
    made[1].fire('close', { code: 1006, reason: 'Connection ended', wasClean: false });
    expect(b.events.log[1].slice(0, 4)).to.deep.equal(['close', 1006, 'Connection ended', false]);
  });

  it('detect().unsupported on Bun 1.3.x names the reason close() cannot send and the status it cannot tell; none from 1.4.4', function () {
    const unsupportedAt = (version) => {
      const saved = Object.getOwnPropertyDescriptor(globalThis, 'Bun');
      Object.defineProperty(globalThis, 'Bun', { value: { version }, configurable: true, writable: true });
      try {
        return legacyBackend(bunEngine().Engine, 'WebSocket').unsupported.map((u) => u.split(':')[0]);
      } finally {
        if (saved) Object.defineProperty(globalThis, 'Bun', saved);
        else delete globalThis.Bun;
      }
    };
    expect(unsupportedAt('1.3.14')).to.deep.equal(['closeWithoutStatus', 'closeReason', 'closeStatusAbsent']);
    expect(unsupportedAt('1.4.3')).to.deep.equal(['closeWithoutStatus']);
    expect(unsupportedAt('1.4.4')).to.deep.equal([]);
    expect(unsupportedAt('1.4.5')).to.deep.equal([]);
  });
});
