// Web IDL suite in Node (built-in backend): the WebSockets IDL fragment (test/idl/websockets.webidl,
// parsed by webidl2) checked against Node's native WebSocket and CloseEvent, then against the
// shim installed from dist/ (auto entry). The shim must pass every check the native passes, and
// every check (Node can express all of them). Both counts are printed. Runs in its own process
// with the built-in WebSocket on (Node 20/21: --experimental-websocket), see test/run-all.mjs.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { closedPort } from '../../conformance/server.mjs';
import { parse } from 'webidl2';
import { idlChecks, countOf, regressions } from './idl-checks.mjs';

const require = createRequire(import.meta.url);
const ast = parse(readFileSync(new URL('./websockets.webidl', import.meta.url), 'utf8'));

function instancesFor(global, url) {
  const made = [];
  return {
    made,
    instances: {
      WebSocket() {
        const ws = new global.WebSocket(url);
        ws.onerror = () => {};
        made.push(ws);
        return ws;
      },
      CloseEvent: () => new global.CloseEvent('close')
    }
  };
}

describe(`Web IDL: WebSocket and CloseEvent interface objects, native and shim (Node ${process.versions.node}, built-in backend)`, function () {
  let native;
  let shim;
  let url;
  before(async function () {
    if (typeof globalThis.WebSocket !== 'function') this.skip();
    url = `ws://127.0.0.1:${await closedPort()}/`;
    // Native first: nothing of the package is loaded yet.
    const n = instancesFor(globalThis, url);
    native = idlChecks(ast, { global: globalThis, instances: n.instances });
    require('../../dist/auto.node.cjs');
    const s = instancesFor(globalThis, url);
    shim = idlChecks(ast, { global: globalThis, instances: s.instances });
    console.log(`      Node ${process.versions.node}: native ${countOf(native)}, shim ${countOf(shim)} Web IDL checks passed`);
  });
  after(function () {
    try {
      require('../../dist/auto.node.cjs').uninstall();
    } catch (e) {
      // not loaded
    }
  });

  it('the same checks ran on both', function () {
    expect(shim.map((r) => r.id)).to.deep.equal(native.map((r) => r.id));
  });
  it('the shim passes every check the native passes', function () {
    expect(regressions(native, shim)).to.deep.equal([]);
  });
  it('the shim passes every check (Node can express all of them)', function () {
    expect(shim.filter((r) => !r.pass).map((r) => `${r.id}: ${r.detail}`)).to.deep.equal([]);
  });
  it('the installed WebSocket is the shim, not the native (control)', function () {
    expect(globalThis.WebSocket.name).to.equal('WebSocket');
    expect(require('../../dist/auto.node.cjs').detect().installed).to.equal(true);
  });
});
