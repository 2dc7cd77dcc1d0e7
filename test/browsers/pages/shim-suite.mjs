// A page that loaded the script-tag build (dist/websocket-shim.umd.min.js) and chose a mode
// without a build step; <html data-mode> says which mode the page chose. The check list runs
// against window.WebSocket with that mode's expectations.
import { page, runSuite, isNativeFunction } from './harness.mjs';

page(async () => {
  const mode = document.documentElement.getAttribute('data-mode');
  const shim = window.WebSocketShim;
  if (!shim) throw new Error('window.WebSocketShim is missing: the script-tag build did not run');
  if (isNativeFunction(window.WebSocket) || window.WebSocket !== shim.WebSocket) throw new Error('window.WebSocket is not the installed shim');
  const report = shim.detect();
  if (report.mode !== mode) throw new Error('installed in ' + report.mode + ' mode, the page asked for ' + mode);
  return { mode, detect: report, results: await runSuite(window.WebSocket, mode) };
});
