// The engine's own WebSocket (nothing installed on this page), judged by the same check list
// with the expectations of ?mode= (strict or standard): the native column of the report.
import { params, page, runSuite, isNativeFunction } from './harness.mjs';

page(async () => {
  const mode = params.get('mode') || 'standard';
  if (!isNativeFunction(window.WebSocket) || 'WebSocketShim' in window) throw new Error('window.WebSocket is not the native one');
  return { mode, results: await runSuite(window.WebSocket, mode) };
});
