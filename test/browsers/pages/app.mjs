// A bundled fixture app (test/browsers/apps, built by test/browsers/lib/apps.mjs), loaded as a
// classic script:
//   ?bundle=/static/.../esbuild-auto.js&app=auto       import 'websocket-shim/auto' installed
//       the shim: the check list runs against window.WebSocket (strict, the default mode)
//   ?bundle=/static/.../esbuild-ponyfill.js&app=ponyfill   window.WebSocket stays the engine's
//       own and nothing is installed; a few checks run against the ponyfill class
import { params, page, assertions, runSuite, isNativeFunction } from './harness.mjs';

// The ponyfill's checks: ones each engine gets wrong natively (QUIRKS §9), so they show the
// class is the shim, plus binary and ordering.
const PONYFILL_CHECKS = ['close-1000.7', 'close-reason-only', 'close-2999.5', 'ctor-protocol-duplicate', 'send-order-blob-close', 'send-after-close', 'ev-binary-blob'];

function load(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('could not load ' + src));
    document.head.appendChild(s);
  });
}

page(async () => {
  const saved = window.__saved;
  const app = params.get('app');
  const a = assertions();
  await load(params.get('bundle'));
  a.add('the app ran', window.__appLoaded, app);
  if (app === 'auto') {
    a.add('window.WebSocket is the installed shim', !isNativeFunction(window.WebSocket) && window.WebSocket !== saved.WebSocket, true);
    a.add('the install marker is on the page', Object.prototype.hasOwnProperty.call(window, '__websocketShim__'), true);
    return { items: a.items, mode: 'strict', results: await runSuite(window.WebSocket, 'strict') };
  }
  const Ponyfill = window.__ponyfillWebSocket;
  a.add('window.WebSocket is still the native', window.WebSocket === saved.WebSocket && isNativeFunction(window.WebSocket), true);
  a.add('CloseEvent and MessageEvent untouched', window.CloseEvent === saved.CloseEvent && window.MessageEvent === saved.MessageEvent, true);
  a.add('no install marker', '__websocketShim__' in window, false);
  a.add('no WebSocketShim global', 'WebSocketShim' in window, false);
  a.add('the ponyfill class is the shim', typeof Ponyfill === 'function' && Ponyfill !== saved.WebSocket && !isNativeFunction(Ponyfill), true);
  return { items: a.items, mode: 'strict', results: await runSuite(Ponyfill, 'strict', PONYFILL_CHECKS) };
});
