// The legacy bugs of issue 12 that a real engine shows, through the script-tag build: an
// engine's own event (document.createEvent) dispatched on a socket (QtWebKit 5.212 has no
// constructible EventTarget, so the package's own dispatches an event whose target is a
// read-only getter there); detect() the same on every call.
import { page, assertions, wsUrl } from './harness.mjs';

page(async () => {
  const a = assertions();
  const shim = window.WebSocketShim;
  a.add('the script-tag build installed', !!shim && window.WebSocket === shim.WebSocket, true);
  const ws = new window.WebSocket(wsUrl + '/regressions?echo=0');
  const seen = [];
  ws.addEventListener('ping', (e) => seen.push(['listener', e.target === ws, e.currentTarget === ws, e.eventPhase, e.type]));
  ws.addEventListener('ping', (e) => e.preventDefault());
  ws.addEventListener('ping', { handleEvent: (e) => seen.push(['handleEvent', e.target === ws]) });
  const ev = document.createEvent('Event');
  ev.initEvent('ping', false, true);
  let result;
  let thrown = 'no exception';
  try {
    result = ws.dispatchEvent(ev);
  } catch (e) {
    thrown = String(e);
  }
  a.add("dispatchEvent(document.createEvent('Event')): no exception", thrown, 'no exception');
  a.add('listeners saw target and currentTarget the socket, phase AT_TARGET', seen, [['listener', true, true, 2, 'ping'], ['handleEvent', true]]);
  a.add('dispatchEvent() returned false (preventDefault on a cancelable event)', result, false);
  const stop = [];
  ws.addEventListener('halt', (e) => {
    stop.push(1);
    e.stopImmediatePropagation();
  });
  ws.addEventListener('halt', () => stop.push(2));
  const ev2 = document.createEvent('Event');
  ev2.initEvent('halt', false, false);
  ws.dispatchEvent(ev2);
  a.add("stopImmediatePropagation() on the engine's event stops the dispatch", stop, [1]);
  const d1 = JSON.stringify(shim.detect());
  a.add('detect() reports the same on every call', [JSON.stringify(shim.detect()), JSON.stringify(shim.detect())], [d1, d1]);
  ws.close();
  return { items: a.items, detect: shim.detect() };
});
