// Part B: the real UMD bundles in fresh vm contexts whose globals match a historical engine
// (test/legacy/profiles.mjs), over an engine double that reproduces that engine's documented
// WebSocket behaviour on a real `ws` connection to the test server (the runtimes, React Native,
// Deno and Bun, load the npm build instead: `build: 'npm'`; script-tag-in-runtimes.test.mjs has
// the script-tag builds refusing them). The bundle detects and installs on its own; then the shared conformance checks (conformance/checks.mjs) run against
// the installed WebSocket, in both modes, for both bundles. Every check must give SPEC's
// result, except the profile's declared `cannot` entries, which must give exactly the
// documented loud outcome (a NotSupportedError, or the documented degraded value) — a cannot
// entry that passes, or fails differently, fails the test. The bare engines run the same
// checks as a control: they must fail the ones their quirks predict.
import { expect } from 'chai';
import { runChecks, CHECKS } from '../../conformance/checks.mjs';
import { startServer } from '../../conformance/server.mjs';
import { PROFILES, cannotFor } from './profiles.mjs';
import { createProfileContext, filesFor } from './support/profile-host.mjs';

const MODES = ['strict', 'standard'];

async function testServer() {
  const shared = process.env.TEST_SERVER_URL;
  if (shared) {
    const httpUrl = shared.replace(/\/+$/, '');
    return {
      httpUrl,
      url: httpUrl.replace(/^http/, 'ws'),
      fetchLog: (id) => fetch(`${httpUrl}/log/${encodeURIComponent(id)}?wait=1`).then((r) => r.json()),
      close: async () => {}
    };
  }
  const s = await startServer();
  return { httpUrl: s.httpUrl, url: s.url, fetchLog: (id) => s.log(id), close: () => s.close() };
}

const key = (file, profile, mode) => `${file}|${profile.id}|${mode}`;

describe('legacy engine profiles: the UMD over historical engines (Part B)', function () {
  let server;
  let page;
  const runs = new Map();
  const raw = new Map();
  const contexts = [];

  before(async function () {
    this.timeout(240000);
    server = await testServer();
    page = `${server.httpUrl}/static/test/legacy/page.html`;
    const common = { wsUrl: server.url, fetchLog: server.fetchLog, timeoutMs: 8000 };
    async function one(profile, file, mode) {
      const h = createProfileContext(profile, { mode, file, page });
      contexts.push(h);
      const results = await runChecks({ ...common, WebSocket: h.WebSocket, mode });
      runs.set(key(file, profile, mode), { results, detect: h.detect(), uncaught: h.uncaught.slice() });
    }
    async function bare(profile) {
      if (!profile.engine || !profile.rawFails.length) return;
      const h = createProfileContext(profile, { mode: 'standard', page });
      contexts.push(h);
      raw.set(profile.id, await runChecks({ ...common, timeoutMs: 4000, WebSocket: h.engine.Ctor, mode: 'standard', only: profile.rawFails }));
    }
    // Pages first (the checks' expectation for relative URLs reads this realm's `location`,
    // which stands for the page's), then the runtimes, which have no location.
    for (const pages of [true, false]) {
      const group = PROFILES.filter((p) => !!p.globals.location === pages);
      if (pages) globalThis.location = { href: page };
      else delete globalThis.location;
      const jobs = [];
      for (const profile of group) {
        jobs.push(bare(profile));
        for (const file of filesFor(profile)) for (const mode of MODES) jobs.push(one(profile, file, mode));
      }
      await Promise.all(jobs);
    }
    delete globalThis.location;
  });

  after(async function () {
    for (const h of contexts) h.dispose();
    if (server) await server.close();
  });

  it('at least twelve profiles, each citing its QUIRKS.md source', function () {
    expect(PROFILES.length).to.be.at.least(12);
    for (const p of PROFILES) expect(p.sources, p.id).to.match(/QUIRKS §/);
    expect(new Set(PROFILES.map((p) => p.id)).size).to.equal(PROFILES.length);
  });

  for (const profile of PROFILES) {
    describe(`${profile.id}: ${profile.title}`, function () {
      it('every cannot entry names a real check and a documented outcome', function () {
        for (const c of profile.cannot) {
          expect(CHECKS.map((x) => x.id), c.check).to.include(c.check);
          expect(c.actual, c.check).to.be.a('string').and.not.equal('');
          expect(c.why, c.check).to.be.a('string').and.not.equal('');
        }
      });

      for (const file of filesFor(profile)) {
        for (const mode of MODES) {
          it(`${file.replace('dist/', '')}, ${mode}: SPEC behaviour on every check, or the documented loud failure`, function () {
            const run = runs.get(key(file, profile, mode));
            expect(run, 'run').to.not.equal(undefined);
            const wrong = [];
            for (const r of run.results) {
              const c = cannotFor(profile, r.id, mode);
              if (c) {
                if (r.pass) wrong.push(`${r.id}: declared impossible (${c.why}) but passed — update the profile`);
                else if (r.actual !== c.actual) wrong.push(`${r.id}: expected the documented failure «${c.actual}», got «${r.actual}»`);
              } else if (!r.pass) {
                wrong.push(`${r.id}: expected «${r.expected}», got «${r.actual}»`);
              }
            }
            expect(wrong).to.deep.equal([]);
            expect(run.results.length).to.equal(CHECKS.length);
            expect(run.uncaught.map(String), 'errors reported as uncaught').to.deep.equal([]);
          });
        }
      }

      it('detect(): the backend, the named quirks, and every impossibility in `unsupported`', function () {
        for (const file of filesFor(profile)) {
          for (const mode of MODES) {
            const d = runs.get(key(file, profile, mode)).detect;
            if (profile.engine === null) {
              // Nothing to wrap: install() leaves `WebSocket` undefined so pages can feature-test it.
              expect(d.installed, 'installed').to.equal(false);
              expect(d.mode, 'mode').to.equal(null);
            } else {
              expect(d.installed, 'installed').to.equal(true);
              expect(d.mode, 'mode chosen by data-mode / WebSocketShimOptions').to.equal(mode);
            }
            expect(d.backend, 'backend').to.equal(profile.detect.backend);
            expect(d.quirks, 'quirks').to.include.members(profile.detect.quirks);
            const names = d.unsupported.map((u) => u.split(':')[0]).filter((n) => n !== 'blobMessages');
            expect(names, 'unsupported').to.deep.equal(profile.detect.unsupported);
          }
        }
      });

      if (profile.rawFails.length) {
        it(`control: the bare engine fails ${profile.rawFails.join(', ')}`, function () {
          const results = raw.get(profile.id);
          expect(results.map((r) => r.id).sort()).to.deep.equal(profile.rawFails.slice().sort());
          const passing = results.filter((r) => r.pass).map((r) => `${r.id}: ${r.actual}`);
          expect(passing, 'checks the bare engine passes (the double does not reproduce the quirk)').to.deep.equal([]);
        });
      }
    });
  }
});
