// detect() does not depend on when it is first called (issue 11): first called after
// require('websocket-shim/auto') — the package's CloseEvent already on the global — it must not take
// that class for a native one. And auto's exported WebSocket is the installed global, so
// `instanceof` agrees across the ways in. Each case in a child process (clean globals).
'use strict';
const path = require('path');
const { expect, BACKEND, G, distDir, runNode } = require('../support/integration-helpers.cjs');

const SCRIPT = (order) => `
const join = require('path').join;
const DIST = process.env.DIST;
const g = typeof globalThis === 'object' ? globalThis : global;
let report;
let api;
if (${JSON.stringify(order)} === 'detect-first') {
  report = require(join(DIST, 'websocket-shim.node.cjs')).detect();
  api = require(join(DIST, 'auto.node.cjs'));
} else {
  api = require(join(DIST, 'auto.node.cjs'));
  report = api.detect();
}
const after = api.detect();
console.log(JSON.stringify({
  features: report.features,
  quirks: report.quirks,
  ownCloseEvent: after.normalizations.indexOf('ownCloseEvent') !== -1,
  nativeCloseEventAfter: after.features.nativeCloseEvent,
  autoIsGlobal: api.WebSocket === g.WebSocket,
  instanceAcross: (function () { const ws = new g.WebSocket('ws://127.0.0.1:2/'); ws.onerror = function () {}; ws.close(); return ws instanceof api.WebSocket; })()
}));
`;

describe(`detect() independent of when it is first called; auto exports the installed WebSocket [${BACKEND}]`, function () {
  this.timeout(10000);
  // Node has a CloseEvent of its own from 23; before that the package supplies one.
  const nativeCloseEvent = typeof G.CloseEvent === 'function';

  async function run(order) {
    const r = await runNode(SCRIPT(order), { env: { DIST: distDir } });
    if (!r.json) throw new Error(`child failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    return r.json;
  }

  it('first called after the auto entry installed: the same features and quirks as when called before', async () => {
    const before = await run('detect-first');
    const after = await run('auto-first');
    expect(after.features).to.deep.equal(before.features);
    expect(after.quirks).to.deep.equal(before.quirks);
  });
  it(`features.nativeCloseEvent is ${nativeCloseEvent} (this runtime's), and 'ownCloseEvent' is listed exactly when the package supplies it`, async () => {
    const r = await run('auto-first');
    expect(r.features.nativeCloseEvent).to.equal(nativeCloseEvent);
    expect(r.nativeCloseEventAfter).to.equal(nativeCloseEvent);
    expect(r.ownCloseEvent).to.equal(!nativeCloseEvent);
  });
  it("require('websocket-shim/auto').WebSocket is the installed globalThis.WebSocket; instanceof agrees", async () => {
    const r = await run('auto-first');
    expect(r.autoIsGlobal).to.equal(true);
    expect(r.instanceAcross).to.equal(true);
  });
});
