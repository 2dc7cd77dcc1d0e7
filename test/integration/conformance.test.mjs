// The conformance checks (conformance/checks.mjs, the list the demo table and the browser pages
// run) against the built shim, in both modes, wrapping the backend WS_SHIM_BACKEND names:
// every check must pass. Then the shim over an engine that is already conformant
// (test/support/reference-engine.mjs): it must change nothing observable beyond SPEC §3.
import { expect } from 'chai';
import { runChecks, CHECKS, MODE_DEPENDENT } from '../../conformance/checks.mjs';
import { BACKEND, MODES, shim, nativeCtor, startServer, refusedPort } from '../support/integration-helpers.mjs';
import { ReferenceWebSocket } from '../support/reference-engine.mjs';

describe(`conformance checks [${BACKEND}]`, function () {
  let server;
  let common;
  before(async () => {
    server = await startServer();
    common = {
      wsUrl: server.url,
      fetchLog: (id) => server.log(id),
      timeoutMs: 5000,
      refusedUrl: `ws://127.0.0.1:${await refusedPort()}/`
    };
  });
  after(() => server.close());

  for (const mode of MODES) {
    describe(`shim, ${mode} mode, over the ${BACKEND} backend`, function () {
      const byId = new Map();
      before(async function () {
        this.timeout(CHECKS.length * 6000);
        const WebSocket = shim.createWebSocketClass({ mode, native: nativeCtor() });
        for (const r of await runChecks({ ...common, WebSocket, mode })) byId.set(r.id, r);
      });
      for (const c of CHECKS) {
        it(`${c.id}: ${c.title}`, () => {
          const r = byId.get(c.id);
          expect(r, 'check result').to.not.equal(undefined);
          expect(r.actual, `${c.section} ${c.id}`).to.equal(r.expected);
        });
      }
    });
  }

  describe('shim over an already conformant engine (reference double over ws)', function () {
    let reference;
    let standard;
    let strict;
    before(async function () {
      this.timeout(CHECKS.length * 3 * 6000);
      const run = (WebSocket, mode) => runChecks({ ...common, WebSocket, mode });
      reference = await run(ReferenceWebSocket, 'standard');
      standard = await run(shim.createWebSocketClass({ mode: 'standard', native: ReferenceWebSocket }), 'standard');
      strict = await run(shim.createWebSocketClass({ mode: 'strict', native: ReferenceWebSocket }), 'strict');
    });

    it('the double passes every check in standard mode (so it is a fair reference)', () => {
      const failing = reference.filter((r) => !r.pass).map((r) => `${r.id}: expected ${r.expected}, got ${r.actual}`);
      expect(failing).to.deep.equal([]);
    });

    it('shim in standard mode: the same actual as the double on every check', () => {
      expect(standard.map((r) => r.id)).to.deep.equal(reference.map((r) => r.id));
      const differ = standard
        .filter((r, i) => r.actual !== reference[i].actual)
        .map((r, i) => `${r.id}: double ${reference.find((x) => x.id === r.id).actual}, shim ${r.actual}`);
      expect(differ).to.deep.equal([]);
    });

    it('shim in strict mode: differs from the double only on SPEC §3 rows, and passes those', () => {
      const differ = strict.filter((r, i) => r.actual !== reference[i].actual).map((r) => r.id);
      expect(differ.filter((id) => MODE_DEPENDENT.indexOf(id) === -1), 'non-§3 rows that differ').to.deep.equal([]);
      const failing = strict.filter((r) => !r.pass).map((r) => `${r.id}: expected ${r.expected}, got ${r.actual}`);
      expect(failing).to.deep.equal([]);
    });
  });
});
