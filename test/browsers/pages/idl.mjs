// The Web IDL suite in a page (test/idl/idl-checks.mjs over test/idl/websockets.webidl, parsed
// by webidl2 from node_modules): against window's WebSocket and CloseEvent as the page has them,
// the engine's own (idl-native.html) or the script-tag build's (idl-shim.html).
import { parse } from '../../../node_modules/webidl2/index.js';
import { idlChecks } from '../../idl/idl-checks.mjs';
import { page, params } from './harness.mjs';

page(async () => {
  const res = await fetch('../../idl/websockets.webidl', { cache: 'no-store' });
  const ast = parse(await res.text());
  const url = 'ws://127.0.0.1:' + params.get('refused') + '/';
  const sockets = [];
  const instances = {
    WebSocket() {
      const ws = new window.WebSocket(url);
      ws.onerror = () => {};
      sockets.push(ws);
      return ws;
    },
    CloseEvent: () => new window.CloseEvent('close')
  };
  const rows = idlChecks(ast, { global: window, instances });
  for (const ws of sockets) ws.close();
  return {
    shim: !!window.WebSocketShim,
    items: rows.map((r) => ({ name: r.id, pass: r.pass, expected: 'pass', actual: r.pass ? 'pass' : r.detail }))
  };
});
