// The modern script-tag build on an engine without a constructible EventTarget (QtWebKit 5.212,
// a WebKit of 2016): it throws NotSupportedError when it loads, naming what is missing,
// installs nothing (window.WebSocket stays the engine's), and WebSocketShim.detect() says why.
import { page, assertions, isNativeFunction, wsUrl } from './harness.mjs';

page(async () => {
  const a = assertions();
  const errors = window.__loadErrors;
  a.add('one error while loading', errors.length, 1);
  const message = errors.length ? errors[0].message : '';
  const named = /NotSupportedError/.test(message) || (errors[0] && errors[0].name === 'NotSupportedError');
  a.add('it names NotSupportedError', named ? 'yes' : message, 'yes');
  const says = /websocket-shim\/modern needs .*constructibleEventTarget.*load the full build/.test(message);
  a.add('it names the missing constructible EventTarget and the full build', says ? 'yes' : message, 'yes');
  a.add('window.WebSocket is still the engine', window.WebSocket === window.__saved.WebSocket && isNativeFunction(window.WebSocket), true);
  const shim = window.WebSocketShim;
  a.add('WebSocketShim is set', typeof shim, 'object');
  let report = null;
  let detectError = 'none';
  try {
    report = shim.detect();
  } catch (e) {
    detectError = e.name + ': ' + e.message;
  }
  a.add('detect() runs', detectError, 'none');
  if (!report) return { items: a.items };
  a.add('detect(): not installed', report.installed, false);
  a.add('detect(): modernEntry first in unsupported', /^modernEntry: websocket-shim\/modern needs .*constructibleEventTarget/.test(report.unsupported[0] || ''), true);
  a.add('detect(): no normalizations', report.normalizations.length, 0);
  let thrown = null;
  try {
    new shim.WebSocket(wsUrl + '/');
  } catch (e) {
    thrown = e.name;
  }
  a.add('new WebSocketShim.WebSocket() throws NotSupportedError', thrown, 'NotSupportedError');
  return { items: a.items, detect: report };
});
