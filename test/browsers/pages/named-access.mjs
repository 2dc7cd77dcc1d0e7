// Bug (issue 13 review): a page with an element id="Bun" was taken for the Bun runtime (named
// access on the Window object makes the element the global `Bun`), so the browser's WebSocket
// got Bun's adaptations, and the script-tag build would refuse it. The runtimes are told by their
// version strings. Here: the elements are globals (control), and the shim treats the browser as
// the browser: detect() as on a page without them (browsers.test.mjs compares), a connection
// opens and echoes.
import { page, assertions, wsUrl } from './harness.mjs';

page(async () => {
  const a = assertions();
  const shim = window.WebSocketShim;
  a.add('control: window.Bun is the div, window.Deno the form with a `version` input (named access)', [window.Bun && window.Bun.tagName, window.Deno && window.Deno.tagName, !!(window.Deno && window.Deno.version)], ['DIV', 'FORM', true]);
  a.add('the script-tag build installed', !!shim && window.WebSocket === shim.WebSocket, true);
  const ws = new window.WebSocket(wsUrl + '/named-access?echo=1');
  ws.binaryType = 'arraybuffer';
  const got = await new Promise((resolve) => {
    ws.onopen = () => ws.send('hello');
    ws.onmessage = (e) => resolve(e.data);
    ws.onerror = () => resolve('error');
  });
  a.add('a connection opens and echoes', got, 'hello');
  ws.close();
  return { items: a.items, detect: shim.detect() };
});
