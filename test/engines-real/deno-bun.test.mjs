// The shim in real Deno and Bun (pinned in test/runtimes/deno-bun.json, fetched from the npm
// registry by test/runtimes/fetch-deno-bun.mjs): the conformance checks (conformance/checks.mjs)
// on the runtime's native WebSocket and on the shim from every entry a user of that runtime
// gets (test/engines-real/runtimes.mjs), in strict and standard mode. Every check must give
// SPEC's result through the shim. The native results are then held against the simulated
// profile for that family (test/legacy/profiles.mjs), which stands for older releases: which of
// its predicted failures the real runtime still has, which it no longer has, and which it has
// that the profile does not model — each difference listed here with what was observed.
import { expect } from 'chai';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { CHECKS } from '../../conformance/checks.mjs';
import { startServer, closedPort } from '../../conformance/server.mjs';
import { PROFILES, cannotFor } from '../legacy/profiles.mjs';
import { ensureDenoBun, DENO_BUN_PINS, OLDER_DENO, OLDER_BUN, runtimeOf } from '../runtimes/fetch-deno-bun.mjs';
import { makeProject, entriesOf, runClient, root } from './runtimes.mjs';
import { REAL, QUIRK_EVIDENCE, nativeFailures, shimFailures } from './differences.mjs';

const MODES = ['strict', 'standard'];

const ENTRY_FILES = {
  // What each runtime resolves the package name to: package.json `exports`, `import` + `node` conditions.
  'websocket-shim (by name)': 'dist/websocket-shim.node.mjs',
  'websocket-shim/modern (by name)': 'dist/modern.node.mjs',
  'dist/websocket-shim.mjs (by URL)': 'dist/websocket-shim.mjs',
  'dist/modern.mjs (by URL)': 'dist/modern.mjs'
};

async function testServer() {
  const shared = process.env.TEST_SERVER_URL;
  if (shared) {
    const httpUrl = shared.replace(/\/+$/, '');
    return { httpUrl, url: httpUrl.replace(/^http/, 'ws'), close: async () => {} };
  }
  const s = await startServer();
  return { httpUrl: s.httpUrl, url: s.url, close: () => s.close() };
}

describe(`real Deno ${DENO_BUN_PINS.deno} and Bun ${DENO_BUN_PINS.bun} (older: ${[...OLDER_DENO, ...OLDER_BUN].map((k) => k.replace('@', ' ')).join(', ')})`, function () {
  let server;
  let project;
  const runs = {};

  before(async function () {
    this.timeout(900000);
    const fetched = await ensureDenoBun(undefined, { log: (l) => console.log(`    ${l}`) });
    server = await testServer();
    project = makeProject();
    const config = {
      wsUrl: server.url,
      httpUrl: server.httpUrl,
      refusedUrl: `ws://127.0.0.1:${await closedPort()}/`,
      checks: pathToFileURL(join(root, 'conformance', 'checks.mjs')).href,
      entries: entriesOf(project)
    };
    await Promise.all(
      fetched.map(async (f) => {
        runs[f.name] = f.error ? { fetchError: f.error } : await runClient(f.name, project, config);
      })
    );
  });

  after(async function () {
    if (project) project.dispose();
    if (server) await server.close();
  });

  for (const name of ['deno', 'bun', ...OLDER_DENO, ...OLDER_BUN]) {
    const runtime = runtimeOf(name);
    describe(name, function () {
      const report = () => {
        const r = runs[name];
        expect(r.fetchError, 'fetch').to.equal(undefined);
        expect(r.report, `${name} exited ${r.code}: ${r.err}`).to.not.equal(null);
        return r.report;
      };
      const profile = PROFILES.find((p) => p.id === REAL[name].profile);

      it(`runs the pinned release (${DENO_BUN_PINS[name]}) and exits 0`, function () {
        expect(report().runtime).to.equal(runtime);
        expect(report().version).to.equal(DENO_BUN_PINS[name]);
        expect(runs[name].code).to.equal(0);
      });

      for (const [label, file] of Object.entries(ENTRY_FILES)) {
        describe(label, function () {
          const entry = () => report().entries.find((e) => e.label === label);

          it(`loads ${file}`, function () {
            expect(entry().resolved).to.equal(pathToFileURL(join(root, file)).href);
          });

          for (const mode of MODES) {
            const cannot = shimFailures(name, mode);
            const what = cannot.length ? `every one of the ${CHECKS.length} checks but ${cannot.join(', ')} (unsupported on this release)` : `every one of the ${CHECKS.length} checks`;
            it(`${mode} mode: SPEC's result on ${what}`, function () {
              const results = entry().runs[mode];
              expect(results.map((r) => r.id)).to.deep.equal(CHECKS.map((c) => c.id));
              const wrong = results.filter((r) => !r.pass && cannot.indexOf(r.id) === -1).map((r) => `${r.id}: expected «${r.expected}», got «${r.actual}»`);
              expect(wrong).to.deep.equal([]);
              // What stays unsupported fails as listed (loudly), not some other way.
              for (const id of cannot) expect(results.find((r) => r.id === id).actual, id).to.equal(REAL[name].shim[mode][id]);
            });
          }

          it(`detect(): backend '${runtime}', the profile's quirks (less those of older releases), not installed`, function () {
            const d = entry().detect;
            expect(d.backend).to.equal(runtime);
            expect(d.native).to.equal('WebSocket');
            expect(d.installed).to.equal(false);
            const named = profile.detect.quirks.filter((q) => REAL[name].notNamed.indexOf(q) === -1);
            expect(d.quirks).to.include.members(named);
            for (const q of REAL[name].notNamed) expect(d.quirks, q).to.not.include(q);
            const unsupported = d.unsupported.map((u) => u.split(':')[0]);
            expect(unsupported).to.deep.equal(REAL[name].unsupported);
            expect(d.quirks).to.include.members(REAL[name].named || []);
          });

          if (REAL[name].options) {
            it('backend options ({ headers }) are never passed to an engine that takes none (unsupported: backendOptions); the protocol is', function () {
              expect(entry().options).to.deep.equal(REAL[name].options);
            });
          } else {
            it(`${name === 'deno' ? 'bug: Deno 2.5+ takes a WebSocketInit, yet the shim dropped backend options; now ' : ''}backend options ({ headers }) reach the server, with the protocol`, function () {
              expect(entry().options).to.deep.equal({ opened: 'open', protocol: 'chat', xTest: 'deno-bun', protocolsOffered: 'chat' });
            });
          }
        });
      }

      it(`the bare engine fails what the '${profile.id}' profile predicts, except the differences listed`, function () {
        const failing = report().native.filter((r) => !r.pass).map((r) => r.id).sort();
        const gone = Object.keys(REAL[name].gone);
        const expected = nativeFailures(name);
        const summary = report().native.filter((r) => !r.pass).map((r) => `${r.id}: «${r.actual}»`);
        expect(failing, summary.join('\n')).to.deep.equal(expected);
        // The ones said to be gone pass natively (not merely fail differently).
        for (const id of gone) expect(report().native.find((r) => r.id === id).pass, id).to.equal(true);
      });

      it("the engine's own constructor takes a WebSocketInit as listed, and detect() names denoNoWebSocketInit exactly where it does not", function () {
        expect(report().nativeInit).to.deep.equal(REAL[name].nativeInit);
        const takesInit = report().nativeInit.xTest === 'deno-bun';
        for (const e of report().entries) expect(e.detect.quirks.indexOf('denoNoWebSocketInit') !== -1, e.label).to.equal(!takesInit);
      });

      it("the profile's `cannot` entries the real runtime can do after all, are exactly the ones listed", function () {
        const can = profile.cannot
          .filter((c) => report().native.find((r) => r.id === c.check).actual !== c.actual)
          .map((c) => c.check);
        expect(can).to.deep.equal(REAL[name].cannotGone);
        // …and through the shim those checks pass (the every-check tests above), in every mode.
        for (const id of can) {
          for (const mode of MODES) {
            expect(cannotFor(profile, id, mode) === null || report().entries.every((e) => e.runs[mode].find((r) => r.id === id).pass), `${id} ${mode}`).to.equal(true);
          }
        }
      });

      if (name === 'bun' || name === 'bun@1.4.4') {
        it('bug: Bun 1.4.4+ sends an empty close frame, yet detect() said close() without a code sends 1000 (closeWithoutStatus)', function () {
          expect(report().native.find((r) => r.id === 'close-no-arguments').actual).to.equal('sent no body');
          for (const e of report().entries) {
            expect(e.detect.unsupported, e.label).to.deep.equal([]);
            expect(e.detect.quirks, e.label).to.not.include('bunCloseWithoutCodeSends1000');
          }
        });

        it('bug: Bun 1.4.4+ fails the connection when none of the offered protocols is selected, yet detect() named bunProtocolMismatchClosesCleanly (1.4.0–1.4.3)', function () {
          expect(report().native.find((r) => r.id === 'ev-protocol-not-selected').actual).to.equal(`error,close; 1006 "" unclean; protocol ''`);
          for (const e of report().entries) expect(e.detect.quirks, e.label).to.not.include('bunProtocolMismatchClosesCleanly');
        });
      }

      for (const [id, [nativeResult, title]] of Object.entries(REAL[name].fixed || {})) {
        it(title, function () {
          expect(report().native.find((r) => r.id === id).actual).to.equal(nativeResult);
          for (const e of report().entries) {
            for (const mode of MODES) expect(e.runs[mode].find((r) => r.id === id).pass, `${e.label} ${mode}`).to.equal(true);
          }
        });
      }

      it('quirks detect() names that the bare engine no longer shows, are exactly the ones listed', function () {
        const named = report().entries[0].detect.quirks.filter((q) => QUIRK_EVIDENCE[q]);
        const stale = named.filter((q) => report().native.find((r) => r.id === QUIRK_EVIDENCE[q]).pass);
        expect(stale).to.deep.equal(REAL[name].staleQuirks);
      });
    });
  }
});
