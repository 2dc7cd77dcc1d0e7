// The engines `npm run compat` runs the lab in, each giving one record for
// lab/compatibility.json (see toRecord):
//   runNode        every Node.js of the matrix (test/runtimes/versions.json): lab/node-run.cjs
//   runBrowsers    Chromium, Firefox ESR, WebKitGTK and QtWebKit (test/browsers/lib/engines.mjs's
//                  drivers): the lab page itself, served by lab/server.mjs
//   runProfiles    the legacy engine profiles (test/legacy/profiles.mjs): the min UMD in a vm context
//                  over the profile's engine double (the runtimes, `build: 'npm'`: the npm build,
//                  as test/legacy/profiles.test.mjs), the same checks from Node's realm
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureRuntimes, PINS } from '../../test/runtimes/fetch.mjs';
import { ENGINES, launch, missing } from '../../test/browsers/lib/engines.mjs';
import { PROFILES } from '../../test/legacy/profiles.mjs';
import { createProfileContext, filesFor } from '../../test/legacy/support/profile-host.mjs';
import { runChecks, CHECKS } from '../../conformance/checks.mjs';
import { root } from '../server.mjs';

const require = createRequire(import.meta.url);
const Report = require('../page/report.js');

/** The report (lab/report-schema.json) as a compact record; `origin` (the page's host:port) → PAGE. */
export function toRecord(report, { id, label, kind, version }, origin) {
  const norm = (s) => (origin ? String(s).split(origin).join('PAGE') : String(s));
  const cell = (c) => (c === null ? null : c.pass ? true : norm(c.actual));
  const cells = {};
  const expected = {};
  for (const r of report.checks) {
    cells[r.id] = { native: cell(r.native), strict: cell(r.strict), standard: cell(r.standard) };
    expected[r.id] = { strict: norm(r.expected.strict), standard: norm(r.expected.standard) };
  }
  const d = report.detect;
  return {
    id,
    label,
    kind,
    version,
    userAgent: report.userAgent,
    native: report.native,
    backend: d.backend,
    quirks: d.quirks,
    unsupported: d.unsupported,
    totals: report.totals,
    cells,
    expected
  };
}

// --- Node.js ---------------------------------------------------------------------------------

/** Node majors: the built-in WebSocket where Node has one (20/21 behind the flag), else ws. */
export function nodeFlags(major) {
  return major === 20 || major === 21 ? ['--experimental-websocket'] : [];
}

function nodeRun(bin, flags, serverUrl, label, refusedUrl) {
  return new Promise((resolve, reject) => {
    const args = [...flags, join(root, 'lab', 'node-run.cjs'), serverUrl, label, refusedUrl];
    execFile(bin, args, { maxBuffer: 64 * 1024 * 1024, timeout: 300000 }, (err, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(new Error(`${label}: ${err ? err.message : 'no JSON'} ${stderr.slice(-1000)}`));
      }
    });
  });
}

export async function runNode({ serverUrl, refusedUrl, majors, log = () => {}, bin: onlyBin }) {
  const list = onlyBin ? [{ major: +process.versions.node.split('.')[0], bin: onlyBin, version: process.version }] : await ensureRuntimes(majors, { log });
  const out = [];
  // Two at a time (two cores, shared).
  let next = 0;
  async function worker() {
    while (next < list.length) {
      const r = list[next++];
      if (r.error) {
        log(`Node ${r.major}: not available (${r.error})`);
        continue;
      }
      const flags = nodeFlags(r.major);
      const label = `Node.js ${r.major}`;
      const t0 = Date.now();
      const report = await nodeRun(r.bin, flags, serverUrl, label, refusedUrl);
      const version = `${report.userAgent.replace(/^Node\.js /, '').replace(/;.*/, '')}, ${report.userAgent.replace(/^[^;]*; /, '')}${flags.length ? ' (' + flags.join(' ') + ')' : ''}`;
      out.push({ major: r.major, record: toRecord(report, { id: `node-${r.major}`, label, kind: 'node', version }) });
      log(`${label}: ${Report.summaryLine(report)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  await Promise.all([worker(), worker()]);
  return out.sort((a, b) => a.major - b.major).map((x) => x.record);
}

export const NODE_MAJORS = Object.keys(PINS).map(Number).sort((a, b) => a - b);

// --- browsers --------------------------------------------------------------------------------

/** The browser engines installed here (test/browsers/lib/engines.mjs: Chromium, Firefox ESR,
 * WebKitGTK, QtWebKit): [{ id, label, launch }]. */
export function browserEngines(only) {
  const list = ENGINES.filter((e) => missing(e).length === 0).map((e) => ({ id: e.id, label: e.label, launch: (o) => launch(e, o) }));
  return only ? list.filter((e) => only.includes(e.id)) : list;
}

/** Loads the lab in `engine` once; resolves with { report, version }. */
export async function labInEngine(engine, { lab, sinkAddress, screenshot, query = '', timeoutMs = 180000 }) {
  const session = await engine.launch({ sinkAddress });
  try {
    const url = `${lab.url}?engine=${encodeURIComponent(session.version)}${query}`;
    const report = await session.load(url, { timeoutMs });
    if (screenshot) await session.screenshot(screenshot);
    return { report, version: session.version, console: session.console || [] };
  } finally {
    await session.close();
  }
}

export async function runBrowsers({ lab, sinkAddress, only, log = () => {} }) {
  const out = [];
  for (const engine of browserEngines(only)) {
    const t0 = Date.now();
    try {
      const { report, version } = await labInEngine(engine, { lab, sinkAddress, query: '&send=0' });
      out.push(toRecord(report, { id: engine.id, label: engine.label, kind: 'browser', version }, `127.0.0.1:${lab.port}`));
      log(`${engine.label}: ${Report.summaryLine(report)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      log(`${engine.label}: FAILED ${e.message}`);
      throw e;
    }
  }
  return out;
}

// --- legacy engine profiles -------------------------------------------------------------------

export async function runProfiles({ server, profiles = PROFILES, log = () => {} }) {
  const page = `${server.httpUrl}/static/test/legacy/page.html`;
  const common = { wsUrl: server.url, fetchLog: (id) => server.log(id), timeoutMs: 8000 };
  // The min UMD, or for a runtime profile the npm build (the script-tag builds refuse runtimes).
  const fileOf = (profile) => filesFor(profile).slice(-1)[0];
  const out = new Map();
  // Pages first (the checks' relative-URL expectation reads this realm's `location`), then
  // the runtimes, which have no location: as test/legacy/profiles.test.mjs does.
  for (const pages of [true, false]) {
    const group = profiles.filter((p) => !!p.globals.location === pages);
    if (pages) globalThis.location = { href: page };
    else delete globalThis.location;
    await Promise.all(
      group.map(async (profile) => {
        const contexts = [];
        const ctx = (mode) => {
          const h = createProfileContext(profile, { mode, file: fileOf(profile), page });
          contexts.push(h);
          return h;
        };
        try {
          const report = Report.create({ userAgent: (profile.globals.navigator || {}).userAgent || profile.title, engine: profile.title, shimVersion: null, native: profile.engine ? 'WebSocket' : 'none', timeoutMs: common.timeoutMs });
          if (profile.engine) {
            const bare = ctx('standard');
            for (const r of await runChecks({ ...common, WebSocket: bare.engine.Ctor, mode: 'standard' })) Report.setCell(report, r, 'native', r);
          }
          let detect = null;
          for (const mode of ['strict', 'standard']) {
            const h = ctx(mode);
            for (const r of await runChecks({ ...common, WebSocket: h.WebSocket, mode })) Report.setCell(report, r, mode, r);
            detect = h.detect();
          }
          Report.finish(report, detect, 0);
          out.set(profile.id, toRecord(report, { id: profile.id, label: profile.id, kind: 'profile', version: profile.title }));
          log(`profile ${profile.id}: ${Report.summaryLine(report)}`);
        } finally {
          for (const h of contexts) h.dispose();
        }
      })
    );
  }
  delete globalThis.location;
  return profiles.filter((p) => out.has(p.id)).map((p) => out.get(p.id));
}

export { CHECKS };
