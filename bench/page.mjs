// The browser benchmark client (Chromium, driven by bench/run.mjs): the same trials as the Node
// client (bench/trials.mjs), the engine's own WebSocket against the shim wrapping it, in this page.
// Configuration from the query string (url, pairs, scale, only); the result in window.__result.
import { sendBench, receiveBench, controlBench, strictBench, surrogateBench } from './trials.mjs';

const q = new URLSearchParams(location.search);
const opts = { pairs: +q.get('pairs') || 5, scale: +q.get('scale') || 1, only: q.get('only') || null };
const Native = window.NativeWebSocket;
const Shim = {
  strict: window.WebSocketShim.createWebSocketClass({ mode: 'strict', native: Native }),
  standard: window.WebSocketShim.createWebSocketClass({ mode: 'standard', native: Native })
};
const host = {
  now: () => performance.now(),
  Blob,
  async sha1(chunks) {
    let total = 0;
    for (const c of chunks) total += c.length;
    const all = new Uint8Array(total);
    let p = 0;
    for (const c of chunks) {
      all.set(c, p);
      p += c.length;
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', all));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
};

const results = [];
try {
  const url = q.get('url');
  await sendBench(host, Native, Shim, url, opts, results);
  await receiveBench(host, Native, Shim, url, opts, results);
  await controlBench(host, Native, url, opts, results);
  await strictBench(host, Native, Shim, url, opts, results);
  await surrogateBench(host, Native, Shim, url, opts, results);
  window.__result = { runtime: { userAgent: navigator.userAgent }, backend: 'chromium', results };
} catch (e) {
  window.__result = { error: String(e && e.stack ? e.stack : e) };
}
document.getElementById('out').textContent = JSON.stringify(window.__result, null, 1);
