// A bundled fixture app (test/browsers/apps, built by test/browsers/lib/apps.mjs), loaded as a
// classic script:
//   ?bundle=/static/.../esbuild-auto.js&app=auto       import 'websocket-shim/auto' installed
//       the shim: the check list runs against window.WebSocket (strict, the default mode)
//   ?bundle=/static/.../esbuild-ponyfill.js&app=ponyfill   window.WebSocket stays the engine's
//       own and nothing is installed; a few checks run against the ponyfill class
//   ?bundle=/static/.../esbuild-modern-auto.js&app=modern-auto   import 'websocket-shim/modern/auto'
//       installed the modern shim: detect() of the same copy agrees, and the check list runs
//   ...&app=modern-auto&refuse=EventTarget   the engine's EventTarget deleted first: the import
//       throws NotSupportedError naming it, nothing is installed, detect() says why
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

/** The modern auto app on an engine it does not cover (EventTarget taken away): refused. */
async function refused(a, saved) {
  const missing = params.get('refuse');
  delete window[missing];
  const thrown = [];
  const onError = (e) => thrown.push(e.error);
  window.addEventListener('error', onError);
  await load(params.get('bundle'));
  window.removeEventListener('error', onError);
  const why = `websocket-shim/modern needs constructible${missing}, which this engine lacks; load the full build (websocket-shim) here`;
  const e = thrown[0];
  a.add('the bundle threw one error while loading', thrown.length, 1);
  a.add('it is a DOMException NotSupportedError (code 9)', e ? [e instanceof DOMException, e.name, e.code] : null, [true, 'NotSupportedError', 9]);
  a.add('its message names what is missing and the full build', e ? e.message : null, why);
  a.add('the app after the import did not run', window.__appLoaded, undefined);
  a.add('window.WebSocket is still the native', window.WebSocket === saved.WebSocket && isNativeFunction(window.WebSocket), true);
  a.add('no install marker', '__websocketShim__' in window, false);
  const report = window.__modernApi.detect();
  a.add('detect(): not installed', report.installed, false);
  a.add('detect(): modernEntry first in unsupported', report.unsupported[0], 'modernEntry: ' + why);
  let again = null;
  try {
    window.__modernApi.install();
  } catch (err) {
    again = err.name;
  }
  a.add('install() throws the same', again, 'NotSupportedError');
  return { items: a.items };
}

page(async () => {
  const saved = window.__saved;
  const app = params.get('app');
  const a = assertions();
  if (params.get('refuse')) return refused(a, saved);
  await load(params.get('bundle'));
  a.add('the app ran', window.__appLoaded, app);
  if (app === 'auto') {
    a.add('window.WebSocket is the installed shim', !isNativeFunction(window.WebSocket) && window.WebSocket !== saved.WebSocket, true);
    a.add('the install marker is on the page', Object.prototype.hasOwnProperty.call(window, '__websocketShim__'), true);
    return { items: a.items, mode: 'strict', results: await runSuite(window.WebSocket, 'strict') };
  }
  if (app === 'modern-auto') {
    const report = window.__modernApi.detect();
    a.add('window.WebSocket is the installed shim', !isNativeFunction(window.WebSocket) && window.WebSocket !== saved.WebSocket, true);
    a.add('the install marker is on the page', Object.prototype.hasOwnProperty.call(window, '__websocketShim__'), true);
    a.add("install() of 'websocket-shim/modern' returns it (one copy)", window.__modernApi.install() === window.WebSocket, true);
    a.add('detect(): installed, no modernEntry', [report.installed, report.unsupported.filter((u) => u.indexOf('modernEntry') === 0)], [true, []]);
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
