// Part B, beyond the shared check list: the behaviours specific to some legacy engines, each
// asserted through the installed UMD and, as a control, on the bare engine double.
//   - text-only engines: binary send() throws NotSupportedError and nothing reaches the wire
//     (never "[object ArrayBuffer]"); the socket stays usable
//   - argument-less close() (SPEC §4 as of 2026-12-03): arguments validated as §2, then the
//     socket closes the only way the engine can (the peer sees 1005), never left OPEN;
//     close() while CONNECTING still fails the connection
//   - IE's per-server connection cap: the constructor's SecurityError becomes error + close 1006
//   - messages while CLOSING (old WebKit, Presto): not delivered
//   - uninstall on a MozWebSocket-only host restores exactly what was there
import { expect } from 'chai';
import { PROFILES } from './profiles.mjs';
import { profileSuite } from './support/profile-host.mjs';

const byId = (id) => PROFILES.find((p) => p.id === id);
const TEXT_ONLY = ['firefox-6', 'firefox-8', 'chrome-5', 'safari-5.1'];
const NO_CLOSE_ARGS = ['firefox-6', 'chrome-5', 'safari-5.1'];

function on(ws, type) {
  return new Promise((resolve) => ws.addEventListener(type, resolve));
}
function thrown(fn) {
  try {
    fn();
    return 'no exception';
  } catch (e) {
    return `${e.name} ${e.code}`;
  }
}
const frames = (rec) => rec.frames.map((f) => `${f.type} ${Buffer.from(f.hex, 'hex').toString()}`);

describe('legacy engine profiles: engine-specific behaviours (Part B)', function () {
  this.timeout(20000);
  const suite = profileSuite('specific');
  const context = (id, mode = 'strict') => suite.context(id, { mode });
  const url = suite.url;

  for (const id of TEXT_ONLY) {
    it(`${id}: binary send() throws NotSupportedError; only the text reaches the server`, async function () {
      const h = context(id);
      const u = url('echo=0');
      const ws = new h.WebSocket(u.href);
      await on(ws, 'open');
      ws.send('a');
      const outcomes = [
        thrown(() => ws.send(new Uint8Array([1, 2]).buffer)),
        thrown(() => ws.send(new Uint8Array([1, 2]))),
        thrown(() => ws.send(new Blob([new Uint8Array([3])])))
      ];
      expect(outcomes).to.deep.equal(['NotSupportedError 9', 'NotSupportedError 9', 'NotSupportedError 9']);
      expect(ws.readyState).to.equal(1);
      ws.send('b');
      ws.close(1000);
      const rec = await suite.server.log(u.id);
      expect(frames(rec)).to.deep.equal(['text a', 'text b']);
      // After close nothing is sent, so nothing throws (SPEC §2), and the bytes are counted.
      await new Promise((r) => setTimeout(r, 20));
      const before = ws.bufferedAmount;
      expect(thrown(() => ws.send(new Uint8Array(4)))).to.equal('no exception');
      expect(ws.bufferedAmount - before).to.equal(4);
    });

    it(`${id} control: the bare engine sends binary data as the text "[object ArrayBuffer]"`, async function () {
      const h = context(id);
      const u = url('echo=0');
      const ws = new h.engine.Ctor(u.href);
      await on(ws, 'open');
      ws.send(new Uint8Array([1, 2]).buffer);
      ws.close();
      expect(frames(await suite.server.log(u.id))).to.deep.equal(['text [object ArrayBuffer]']);
    });
  }

  // Issue 10, item 4: the third constructor argument went to the engine's second parameter
  // everywhere but ws: React Native lost protocols and headers, Deno read it as the protocol "[object Object]" (and refuses that).
  for (const [id, header] of [['react-native-android', '1'], ['bun', '1'], ['deno', null]]) {
    it(`${id}: backend options reach the engine as its constructor takes them (protocols kept${header ? ', headers sent' : '; Deno has none'})`, async function () {
      const h = context(id);
      const u = url('proto=first');
      const ws = new h.WebSocket(u.href, ['p1'], { headers: { 'x-test': '1' } });
      await on(ws, 'open');
      expect(ws.protocol).to.equal('p1');
      ws.close(1000);
      const rec = await suite.server.log(u.id);
      expect([rec.protocolsOffered, rec.xTest]).to.deep.equal(['p1', header]);
    });
  }

  for (const id of NO_CLOSE_ARGS) {
    for (const args of [[4000, 'bye'], [4000], [1000, 'bye'], [undefined, 'bye'], []]) {
      it(`${id}: close(${args.map(String).join(', ')}) closes the socket (the engine's close() without arguments; the peer sees 1005)`, async function () {
        const h = context(id, 'standard');
        const u = url('echo=0');
        const ws = new h.WebSocket(u.href);
        await on(ws, 'open');
        // Validation still comes first: invalid arguments are the SPEC errors, the socket stays OPEN.
        expect([thrown(() => ws.close(1001)), thrown(() => ws.close(1000, 'é'.repeat(62)))]).to.deep.equal(['InvalidAccessError 15', 'SyntaxError 12']);
        expect(ws.readyState).to.equal(1);
        const closed = on(ws, 'close');
        expect(thrown(() => ws.close(...args))).to.equal('no exception');
        expect(ws.readyState).to.equal(2);
        await closed;
        expect(ws.readyState).to.equal(3);
        expect((await suite.server.log(u.id)).close.hadBody).to.equal(false);
        expect(h.detect().unsupported.some((u) => u.startsWith('closeCodeOnWire:'))).to.equal(true);
      });
    }

    it(`${id}: close(4000) while CONNECTING fails the connection (nothing to transmit), no exception`, async function () {
      const h = context(id);
      const ws = new h.WebSocket(url('echo=0').href);
      const seq = [];
      ws.addEventListener('error', () => seq.push('error'));
      const closed = on(ws, 'close');
      expect(thrown(() => ws.close(4000))).to.equal('no exception');
      const ev = await closed;
      expect([seq.join(), ev.code, ev.wasClean]).to.deep.equal(['error', 1006, false]);
    });
  }

  it('ie10: past the 6-connection cap the constructor does not throw; error, then close 1006', async function () {
    const h = context('ie10');
    const open = [];
    for (let i = 0; i < 6; i++) {
      const ws = new h.WebSocket(url('echo=0').href);
      open.push(ws);
      await on(ws, 'open');
    }
    // Control: the bare engine throws SecurityError for the seventh.
    expect(thrown(() => new h.engine.Ctor(url('echo=0').href))).to.equal('SecurityError 18');
    let seventh;
    expect(thrown(() => (seventh = new h.WebSocket(url('echo=0').href)))).to.equal('no exception');
    const seq = [];
    seventh.addEventListener('error', () => seq.push('error'));
    const ev = await on(seventh, 'close');
    expect([seq.join(), ev.code, ev.reason, ev.wasClean, seventh.readyState]).to.deep.equal(['error', 1006, '', false, 3]);
    for (const ws of open) ws.close(1000);
  });

  for (const id of ['webkit-2012', 'opera-12']) {
    it(`${id}: a message arriving while CLOSING is not delivered (the bare engine delivers it)`, async function () {
      const h = context(id);
      async function count(Ctor) {
        const ws = new Ctor(url('delayClose=300').href);
        await on(ws, 'open');
        let got = 0;
        ws.addEventListener('message', () => got++);
        ws.send('echo me');
        ws.close(1000);
        await on(ws, 'close');
        return got;
      }
      expect(await count(h.WebSocket), 'through the shim').to.equal(0);
      expect(await count(h.engine.Ctor), 'bare engine').to.equal(1);
    });
  }

  // The probes must not take a current engine, or a script polyfill on an old browser, for a
  // legacy one (that would disable binary send or close codes there).
  const MODERN = {
    'Chrome 120': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Firefox 115': 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0',
    'Safari 17.4': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    'iOS 17 WKWebView': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
    'Edge 120': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'
  };
  for (const [name, userAgent] of Object.entries(MODERN)) {
    it(`probes: ${name} is the plain browser backend, no legacy quirk`, function () {
      const modern = {
        id: name,
        globals: { window: true, location: true, navigator: { userAgent }, document: { baseURI: true, currentScript: true }, web: byId('safari-16').globals.web },
        engine: {}
      };
      const h = suite.context(modern);
      const d = h.detect();
      expect(d.backend).to.equal('browser');
      expect(d.unsupported).to.deep.equal([]);
    });
  }
  it('probes: a script WebSocket polyfill on an Android 4.3 browser is not taken for hixie-76 WebKit', function () {
    const polyfilled = { ...byId('android-4.3'), engine: { nativeCode: false } };
    const h = suite.context(polyfilled);
    expect(h.detect().backend).to.equal('browser');
    // ... while the engine's own constructor with that user agent is.
    const own = { ...byId('android-4.3'), engine: {} };
    const h2 = suite.context(own);
    expect(h2.detect().backend).to.equal('webkit-hixie76');
  });

  it('firefox-6: uninstall() restores a MozWebSocket-only global object exactly', function () {
    const h = context('firefox-6');
    expect(h.run('typeof WebSocket')).to.equal('function');
    expect(h.run('WebSocketShim.uninstall()')).to.equal(true);
    expect(h.run('[typeof WebSocket, typeof MozWebSocket, typeof CloseEvent].join()')).to.equal('undefined,function,function');
    expect(h.run('WebSocketShim.install() === WebSocket && typeof WebSocket')).to.equal('function');
  });
});
