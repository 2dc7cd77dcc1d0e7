// Bad ports (SPEC §2 constructor, §3 fourth row; Fetch Standard "port blocking"), the whole list,
// ws: and wss:, through dist/ on the backend WS_SHIM_BACKEND names:
//   strict    → SecurityError (18), thrown by the constructor;
//   standard  → no exception; `error`, then `close` 1006 (not clean, reason ''), in later tasks;
// in both, the engine is never asked to connect (a spy around its constructor sees no call) and
// no connection reaches a listener this test opens on each of those ports it can.
'use strict';
const { expect, BACKEND, shim, nativeCtor, expectDOMException, refusedPort } = require('../support/integration-helpers.cjs');
const { BAD_PORTS, listenOnPorts } = require('../support/bad-ports.cjs');

/** The engine's constructor behind a spy that records the URL of every connection it is asked for. */
function spiedNative() {
  const calls = [];
  const Native = nativeCtor();
  const Spy = new Proxy(Native, {
    construct: function (target, args, newTarget) {
      calls.push(String(args[0]));
      return Reflect.construct(target, args, newTarget === Spy ? target : newTarget);
    }
  });
  return { Spy: Spy, calls: calls };
}

const URLS = [];
BAD_PORTS.forEach(function (port) {
  URLS.push('ws://127.0.0.1:' + port + '/', 'wss://127.0.0.1:' + port + '/');
});

/** Events of one socket until close: 'error,close; 1006 "" unclean; readyState 3; async'. */
function outcome(ws) {
  return new Promise(function (resolve) {
    const seq = [];
    let inCall = true;
    let sync = false;
    ['open', 'message', 'error', 'close'].forEach(function (type) {
      ws.addEventListener(type, function (ev) {
        seq.push(type);
        if (inCall) sync = true;
        if (type === 'close') {
          setTimeout(function () {
            resolve(seq.join(',') + '; ' + ev.code + ' "' + ev.reason + '" ' + (ev.wasClean ? 'clean' : 'unclean') + '; readyState ' + ws.readyState + '; ' + (sync ? 'sync' : 'async'));
          }, 20);
        }
      });
    });
    inCall = false;
  });
}

describe('bad ports: the Fetch list in both modes [' + BACKEND + ']', function () {
  this.timeout(30000);
  let listeners;
  before(function () {
    // Ports another run holds (the matrix runs backends side by side) are waited for, 20 s at most.
    return listenOnPorts(BAD_PORTS, 20000).then(function (l) {
      listeners = l;
    });
  });
  after(function () {
    if (listeners) return listeners.close();
  });

  it('the list is the Fetch Standard\'s: 83 ports, 166 URLs (ws: and wss:)', function () {
    expect(BAD_PORTS.length).to.equal(83);
    expect(URLS.length).to.equal(166);
  });

  it('strict: new WebSocket(url) throws SecurityError (18) at once for every URL; the engine is never asked', function () {
    const s = spiedNative();
    const C = shim.createWebSocketClass({ mode: 'strict', native: s.Spy });
    const wrong = [];
    URLS.forEach(function (url) {
      try {
        new C(url);
        wrong.push(url + ': no exception');
      } catch (e) {
        if (!(e && e.name === 'SecurityError' && e.code === 18)) wrong.push(url + ': ' + (e && e.name) + ' ' + (e && e.code));
      }
    });
    expect(wrong).to.deep.equal([]);
    expectDOMException(function () {
      new C('ws://127.0.0.1:25/');
    }, 'SecurityError', 18);
    expect(s.calls).to.deep.equal([]);
  });

  it('standard: no exception; error, then close 1006 (unclean, reason ""), in later tasks, for every URL; the engine is never asked', function () {
    const s = spiedNative();
    const C = shim.createWebSocketClass({ mode: 'standard', native: s.Spy });
    const runs = URLS.map(function (url) {
      let ws;
      try {
        ws = new C(url);
      } catch (e) {
        return Promise.resolve(url + ': threw ' + (e && e.name));
      }
      const start = 'readyState ' + ws.readyState + ', url ' + ws.url + '; ';
      return outcome(ws).then(function (o) {
        return url + ': ' + start + o;
      });
    });
    return Promise.all(runs).then(function (got) {
      expect(got).to.deep.equal(
        URLS.map(function (url) {
          return url + ': readyState 0, url ' + url + '; error,close; 1006 "" unclean; readyState 3; async';
        })
      );
      expect(s.calls).to.deep.equal([]);
    });
  });

  it('standard: send() and close() on such a socket behave as on any failing connection', function () {
    const C = shim.createWebSocketClass({ mode: 'standard', native: spiedNative().Spy });
    const ws = new C('ws://127.0.0.1:6667/');
    expectDOMException(function () {
      ws.send('x');
    }, 'InvalidStateError', 11);
    ws.close();
    expect(ws.readyState).to.equal(2);
    return outcome(ws).then(function (o) {
      expect(o).to.equal('error,close; 1006 "" unclean; readyState 3; async');
    });
  });

  it('control: a port not on the list does reach the engine (the spy sees it)', function () {
    return refusedPort().then(function (port) {
      const s = spiedNative();
      const C = shim.createWebSocketClass({ mode: 'standard', native: s.Spy });
      const ws = new C('ws://127.0.0.1:' + port + '/');
      return outcome(ws).then(function () {
        expect(s.calls.length).to.equal(1);
      });
    });
  });

  it('no connection reached a listener on any bad port (listeners on every port this machine allows)', function () {
    const held = listeners.listening.length === 0 && listeners.notListening.every(function (p) {
      return p[0] === 0 || p[1] === 'EADDRINUSE';
    });
    // Every port held by a concurrent run for 20 s: that run's listeners watch them; the spy above
    // still proves the engine was never asked.
    if (held) this.skip();
    if (process.env.VERBOSE_BAD_PORTS) {
      console.log('      listening on ' + listeners.listening.length + ' of ' + BAD_PORTS.length + ' bad ports; not: ' + listeners.notListening.map(function (p) {
        return p[0] + ' (' + p[1] + ')';
      }).join(', '));
    }
    if (listeners.foreign.length) {
      console.log('      connections from processes outside this test (not counted): ' + listeners.foreign.map(function (f) {
        return 'port ' + f[0] + ' from pid ' + f[1];
      }).join(', '));
    }
    expect(listeners.listening.length, 'listeners opened').to.be.above(0);
    expect(listeners.connections).to.deep.equal([]);
  });
});
