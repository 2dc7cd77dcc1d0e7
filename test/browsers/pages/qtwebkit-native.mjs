// What QtWebKit 5.212 does natively, beyond the check list (issue 12's observations), each
// measured here on the engine's own WebSocket against the test server: the browser suite asserts
// them on QtWebKit only, so a changed engine is noticed and the README's list stays true.
import { page, assertions, wsUrl, fetchLog, refusedUrl } from './harness.mjs';

const name = (fn) => {
  try {
    fn();
    return 'no exception';
  } catch (e) {
    return String(e && e.name);
  }
};
const opened = (url) =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.onopen = () => resolve(ws);
    ws.onerror = () => reject(new Error('no open: ' + url));
  });
const closed = (ws) => new Promise((resolve) => ws.addEventListener('close', (e) => resolve(e)));

page(async () => {
  const a = assertions();
  // window.X: the ES2015 build gives the test files their own TextEncoder and URLSearchParams.
  a.add('host: no URLSearchParams, TextEncoder, globalThis', [typeof window.URLSearchParams, typeof window.TextEncoder, typeof window.globalThis], ['undefined', 'undefined', 'undefined']);
  a.add('host: Blob without arrayBuffer()', [typeof Blob, typeof Blob.prototype.arrayBuffer], ['function', 'undefined']);
  a.add('host: DOMException and EventTarget exist but cannot be constructed', [typeof DOMException, name(() => new DOMException('x')), typeof EventTarget, name(() => new EventTarget())], ['function', 'TypeError', 'function', 'TypeError']);
  a.add('host: no ES2017 syntax (async functions)', name(() => new Function('return async function () {}')), 'SyntaxError');

  const ws = await opened(wsUrl + '/n?echo=0');
  a.add("binaryType = 'bogus' throws", name(() => (ws.binaryType = 'bogus')), 'SyntaxError');
  a.add('close(undefined) throws', name(() => ws.close(undefined)), 'InvalidAccessError');
  ws.send('abc');
  a.add('bufferedAmount right after send()', ws.bufferedAmount, 0);
  ws.close();

  const id = 'qt-sur-' + Math.random().toString(36).slice(2);
  const s = await opened(wsUrl + '/s?echo=0&id=' + id);
  const ended = closed(s);
  a.add("close(1000, 'a\\uD800'): no exception", name(() => s.close(1000, 'a\uD800')), 'no exception');
  const ev = await ended;
  const rec = await fetchLog(id);
  // The engine puts the lone surrogate on the wire as invalid UTF-8: the server (ws) fails the
  // connection with 1007 and records no valid close frame; the close event's reason is ''.
  a.add('a lone surrogate in the close reason: close event', [ev.code, ev.reason, ev.wasClean], [1007, '', true]);
  a.add('a lone surrogate in the close reason: the server got no valid close frame', rec.close && rec.close.hadBody, false);

  const r = new WebSocket(refusedUrl);
  const seq = [];
  r.onerror = () => seq.push('error');
  const re = await new Promise((resolve) => (r.onclose = resolve));
  a.add('a refused connection: close 1006 without error', [seq.join(','), re.code], ['', 1006]);
  return { items: a.items };
});
