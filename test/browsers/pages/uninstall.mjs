// uninstall() restores exactly what the page had (SPEC §1); a socket opened before it keeps
// working, with the shim's behaviour; sockets made after it are the engine's own.
import { page, assertions, isNativeFunction, wsUrl, fetchLog } from './harness.mjs';

function sameDescriptor(a, b) {
  if (!a || !b) return a === b;
  return ['value', 'get', 'set', 'writable', 'enumerable', 'configurable'].every((k) => a[k] === b[k]);
}

function hex(buf) {
  return Array.from(new Uint8Array(buf), (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
}

page(async () => {
  const saved = window.__saved;
  const shim = window.WebSocketShim;
  const a = assertions();
  const Installed = window.WebSocket;
  a.add('installed: window.WebSocket is the shim', !isNativeFunction(Installed) && Installed === shim.WebSocket, true);

  const id = 'uninst-' + Math.random().toString(36).slice(2);
  const ws = new Installed(wsUrl + '/uninstall?id=' + id);
  const inbox = [];
  let waiter = null;
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e) => {
    inbox.push(e.data);
    if (waiter) waiter();
  };
  const next = () =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no echo')), 5000);
      waiter = () => {
        if (inbox.length) {
          clearTimeout(t);
          waiter = null;
          resolve(inbox.shift());
        }
      };
      waiter();
    });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('the socket did not open'));
  });

  a.add('uninstall() returns true', shim.uninstall(), true);
  a.add('window.WebSocket is the native again', window.WebSocket === saved.WebSocket, true);
  for (const name of ['WebSocket', 'CloseEvent', 'MessageEvent']) {
    a.add(name + ' property as before install', sameDescriptor(Object.getOwnPropertyDescriptor(window, name) || null, saved.descriptors[name]), true);
  }
  a.add('no install marker left', '__websocketShim__' in window, false);

  // The socket opened before keeps working, and keeps the shim's behaviour.
  ws.send('after uninstall');
  a.add('old socket: text echo', await next(), 'after uninstall');
  ws.send(new Uint8Array([0, 1, 2, 3, 4]).subarray(1, 4));
  a.add('old socket: view echo (viewed bytes only)', hex(await next()), '010203');
  ws.send(new Blob([new Uint8Array([9, 8])]));
  a.add('old socket: Blob echo', hex(await next()), '0908');
  let threw = 'no exception';
  try {
    ws.close(1000.7);
  } catch (e) {
    threw = e.name;
  }
  a.add('old socket: close(1000.7) still → InvalidAccessError', threw, 'InvalidAccessError');
  const closed = new Promise((resolve) => (ws.onclose = (e) => resolve(e.code + ' ' + e.reason + ' ' + e.wasClean)));
  ws.close(undefined, 'bye');
  a.add('old socket: close event', await closed, '1000 bye true');
  const rec = await fetchLog(id);
  a.add('old socket: what the server got', rec.frames.map((f) => f.type + ' ' + f.hex).join(', ') + '; close ' + rec.close.code + ' ' + rec.close.reasonHex, 'text 616674657220756e696e7374616c6c, binary 010203, binary 0908; close 1000 627965');

  // New sockets are the engine's own.
  const fresh = new WebSocket(wsUrl + '/uninstall-fresh');
  a.add('a socket made after uninstall is the native class', fresh instanceof saved.WebSocket && fresh.constructor === saved.WebSocket, true);
  fresh.close();

  // And the API can install again.
  const again = shim.install();
  a.add('install() again: window.WebSocket is a shim', window.WebSocket === again && !isNativeFunction(again), true);
  a.add('uninstall() again: the native', shim.uninstall() && window.WebSocket === saved.WebSocket, true);
  return { items: a.items };
});
