// The script-tag build loaded twice, then the ESM auto entry (dist/auto.mjs) on the same page:
// one install (SPEC §1: installing twice never wraps twice), shared by every copy, and one
// uninstall() (from the ESM copy) restores exactly what the page had.
import * as auto from '../../../dist/auto.mjs';
import { page, assertions, isNativeFunction, wsUrl, fetchLog } from './harness.mjs';

const MARKER = '__websocketShim__';

function sameDescriptor(a, b) {
  if (!a || !b) return a === b;
  return ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'].every((k) => a[k] === b[k]);
}

page(async () => {
  const saved = window.__saved;
  const first = window.__first.WebSocket;
  const a = assertions();
  a.add('the page started with the native WebSocket', isNativeFunction(saved.WebSocket), true);
  a.add('first script tag: installed a shim', first !== saved.WebSocket && !isNativeFunction(first), true);
  // Issue 11: never a class of another mode than asked for. The second copy's data-mode="standard"
  // switches the global to a standard class on the same native; it does not wrap the first shim.
  const second = window.WebSocket;
  a.add('second script tag (data-mode="standard"): the mode switched', window.WebSocketShim.detect().mode, 'standard');
  a.add('second script tag: a new class, not native', second !== first && !isNativeFunction(second), true);
  a.add('second script tag: WebSocketShim.WebSocket is the installed class', window.WebSocketShim.WebSocket === second, true);
  a.add('second script tag: still wraps the native WebSocket (no shim in a shim)', window.WebSocketShim.detect().native, 'WebSocket');
  a.add('ESM auto entry: window.WebSocket unchanged', window.WebSocket === second, true);
  a.add('ESM auto entry: install({ mode: "standard" }) returns the installed class', auto.install({ mode: 'standard' }) === second, true);
  a.add("ESM auto entry: its WebSocket export is the installed class at the time it loaded", auto.WebSocket === second, true);
  a.add('the install marker is on the page', Object.prototype.hasOwnProperty.call(window, MARKER), true);
  a.add('detect(): wraps the native WebSocket', auto.detect().native, 'WebSocket');

  // The installed class works (one round trip, a close code the engine cannot get wrong).
  const id = 'once-' + Math.random().toString(36).slice(2);
  const ws = new window.WebSocket(wsUrl + '/once?id=' + id);
  await new Promise((resolve, reject) => {
    ws.onopen = () => ws.send('once');
    ws.onmessage = (e) => resolve(e.data);
    ws.onclose = () => reject(new Error('closed before the echo'));
  });
  let threw = 'no exception';
  try {
    ws.close(1000.7);
  } catch (e) {
    threw = e.name;
  }
  a.add('the installed class: close(1000.7) → InvalidAccessError', threw, 'InvalidAccessError');
  ws.onclose = null;
  ws.close(4000, 'once');
  const rec = await fetchLog(id);
  a.add('the installed class: the server got the text and close 4000', rec.frames.map((f) => f.type).join(',') + ' ' + rec.close.code, 'text 4000');

  // One uninstall, from the other copy (ESM), undoes the one install.
  a.add('uninstall() from the ESM copy', auto.uninstall(), true);
  a.add('after uninstall: window.WebSocket is the native', window.WebSocket === saved.WebSocket, true);
  for (const name of ['WebSocket', 'CloseEvent', 'MessageEvent']) {
    a.add('after uninstall: ' + name + ' property as before', sameDescriptor(Object.getOwnPropertyDescriptor(window, name) || null, saved.descriptors[name]), true);
  }
  a.add('after uninstall: no marker', MARKER in window, false);
  a.add('a second uninstall() (script-tag copy) has nothing to undo', window.WebSocketShim.uninstall(), false);
  return { items: a.items };
});
