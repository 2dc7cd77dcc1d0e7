// The Fetch bad-port list (test/support/bad-ports.json), ws: and wss:, against window.WebSocket
// (the script-tag build in ?mode=strict|standard, or the engine's own): strict → SecurityError
// (18) from the constructor; standard → no exception, then error and close 1006 in later tasks.
// The spy (bad-ports-spy.js) says whether the engine was asked to connect to any of them.
import { page, params, assertions } from './harness.mjs';

function outcome(ws) {
  return new Promise((resolve) => {
    const seq = [];
    let inCall = true;
    let sync = false;
    const timer = setTimeout(() => resolve(seq.join(',') + '; timeout'), 10000);
    for (const type of ['open', 'message', 'error', 'close']) {
      ws.addEventListener(type, (ev) => {
        seq.push(type);
        if (inCall) sync = true;
        if (type === 'close') {
          clearTimeout(timer);
          setTimeout(() => resolve(`${seq.join(',')}; ${ev.code} "${ev.reason}" ${ev.wasClean ? 'clean' : 'unclean'}; readyState ${ws.readyState}; ${sync ? 'sync' : 'async'}`), 20);
        }
      });
    }
    inCall = false;
  });
}

page(async () => {
  const mode = params.get('mode');
  const shim = window.WebSocketShim;
  const { items, add } = assertions();
  if (shim) add('the script-tag build installed in the mode asked for', shim.detect().mode, mode);
  const ports = (await (await fetch('../../support/bad-ports.json', { cache: 'no-store' })).json()).ports;
  const urls = [];
  for (const p of ports) urls.push(`ws://127.0.0.1:${p}/`, `wss://127.0.0.1:${p}/`);
  const runs = urls.map((url) => {
    let ws;
    try {
      ws = new window.WebSocket(url);
    } catch (e) {
      const isDOM = typeof DOMException === 'function' && e instanceof DOMException;
      return Promise.resolve([url, `${e && e.name} ${e && e.code}${isDOM ? '' : ' (not a DOMException)'}`]);
    }
    const start = `no exception; readyState ${ws.readyState}; `;
    return outcome(ws).then((o) => [url, start + o]);
  });
  const expected = mode === 'strict' ? 'SecurityError 18' : 'no exception; readyState 0; error,close; 1006 "" unclean; readyState 3; async';
  for (const [url, got] of await Promise.all(runs)) add(url, got, expected);
  const asked = window.__engineCalls.filter((u) => urls.indexOf(u) !== -1);
  add('the engine was asked to connect to none of them', asked, []);
  // Control: a port off the list reaches the engine (the spy works).
  const refused = `ws://127.0.0.1:${params.get('refused')}/`;
  await outcome(new window.WebSocket(refused));
  add('control: a port off the list reaches the engine', window.__engineCalls.indexOf(refused) !== -1, true);
  return { mode, items, urls: urls.length };
});
