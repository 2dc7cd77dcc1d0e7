// The conformance lab (npm start's page, lab/) in real engines: Chromium and QtWebKit 5.212
// (the oldest real engine here), through the browser suite's drivers (lib/engines.mjs), held on
// 127.0.0.1 (the proxy sink). In each: the page runs to the end under its strict CSP; every
// shim cell is what SPEC expects, in both modes; the native cells are what the browser suite's
// own native page (pages/native.html, or its ES2015 build for QtWebKit) measures in the same
// engine; the report the page posted is stored, validates against lab/report-schema.json and
// equals the page's; and lab/compatibility.json holds the same marks for that engine. Chromium
// also runs the page with its WebSocket deleted ("native: none"). Screenshots:
// test-results/screenshots/lab-<engine>.png (git-ignored).
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../conformance/server.mjs';
import { CHECKS } from '../../conformance/checks.mjs';
import { ENGINES, launch, missing } from './lib/engines.mjs';
import { startProxySink, formatRecords } from './lib/proxy-sink.mjs';
import { buildQtWebKitPages } from './lib/qtwebkit-pages.mjs';
import { startLab, closedPort, root } from '../../lab/server.mjs';
import { buildChecks } from '../../lab/build.mjs';
import { validateReport } from '../../lab/validate.mjs';
import { readData } from '../../lab/compat/render.mjs';
import { toRecord } from '../../lab/compat/engines.mjs';

const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const ONLY = process.env.BROWSERS ? process.env.BROWSERS.split(',').map((s) => s.trim()) : null;
const LAB_ENGINES = ['chromium', 'qtwebkit'];
const shots = join(root, 'test-results', 'screenshots');

const COLUMNS = ['native', 'strict', 'standard'];
const cellsOf = (report) => report.checks.map((r) => r.id);

describe('the conformance lab in real engines (Chromium, QtWebKit)', function () {
  this.timeout(300000);
  let server;
  let sink;
  let lab;
  let reportsDir;
  const lines = [];
  let es2015Pages = null;

  before(async function () {
    buildChecks();
    server = await startServer();
    sink = await startProxySink();
    reportsDir = mkdtempSync(join(tmpdir(), 'ws-shim-lab-reports-'));
    lab = await startLab({ port: 0, reportsDir, onReport: (line, file, report) => lines.push({ line, file, report }) });
    mkdirSync(shots, { recursive: true });
  });

  after(async function () {
    const held = sink ? sink.records() : [];
    if (held.length) console.log('      the proxy sink held (the browsers\' own background requests):\n        ' + formatRecords(held).join('\n        '));
    if (lab) await lab.close();
    if (sink) await sink.close();
    if (server) await server.close();
    if (reportsDir) rmSync(reportsDir, { recursive: true, force: true });
  });

  for (const id of LAB_ENGINES) {
    const engine = ENGINES.find((e) => e.id === id);
    if (ONLY && !ONLY.includes(id)) continue;
    describe(engine ? engine.label : id, function () {
      const gone = engine ? missing(engine) : ['(no driver)'];
      if (gone.length) {
        if (CI) it(`${id} is installed`, () => expect.fail(`missing: ${gone.join(', ')}`));
        else it.skip(`${id}: not installed (${gone.join(', ')})`);
        return;
      }
      let session;
      let report; // what the page published (window.__result)
      let stored; // what the lab server kept
      let nativeRows; // the browser suite's native page, same engine

      before(async function () {
        session = await launch(engine, { sinkAddress: sink.address });
        const before = lines.length;
        report = await session.load(`${lab.url}?engine=${encodeURIComponent(session.version)}`, { timeoutMs: 240000 });
        await session.screenshot(join(shots, `lab-${id}.png`));
        stored = lines.slice(before).map((l) => l.report)[0] || null;
        // The browser suite's native page, in this engine, as that suite loads it.
        let dir = '/static/test/browsers/pages/';
        if (engine.pages === 'es2015') dir = es2015Pages || (es2015Pages = await buildQtWebKitPages());
        const native = await session.load(`${server.httpUrl}${dir}native.html?mode=standard&refused=${await closedPort()}`, { timeoutMs: 120000 });
        nativeRows = native.results;
      });
      after(async function () {
        if (session) await session.close();
      });

      it('the page ran every check on all three columns', function () {
        expect(report.complete).to.equal(true);
        expect(report.native).to.equal('WebSocket');
        expect(cellsOf(report)).to.deep.equal(CHECKS.map((c) => c.id));
        for (const r of report.checks) for (const col of COLUMNS) expect(r[col], `${r.id} ${col}`).to.be.an('object');
      });

      it('every shim cell is what SPEC expects, in strict and in standard mode', function () {
        const bad = [];
        for (const r of report.checks) {
          for (const mode of ['strict', 'standard']) if (!r[mode].pass) bad.push(`${r.id} (${mode}): expected ${r.expected[mode]}, got ${r[mode].actual}`);
        }
        expect(bad).to.deep.equal([]);
      });

      it("the native cells are what the browser suite's native page measures in this engine", function () {
        expect(nativeRows.map((r) => r.id)).to.deep.equal(cellsOf(report));
        const diff = [];
        for (const r of report.checks) {
          const n = nativeRows.find((x) => x.id === r.id);
          // ctor-relative resolves against the page's own URL, which differs between the two.
          const same = r.native.pass === n.pass && (r.id === 'ctor-relative' || r.native.actual === n.actual);
          if (!same) diff.push(`${r.id}: lab ${r.native.pass ? 'pass' : r.native.actual}, browser suite ${n.pass ? 'pass' : n.actual}`);
        }
        expect(diff).to.deep.equal([]);
      });

      it('the page posted its report: stored under reports/, valid, the same as the page\'s, one summary line', function () {
        expect(stored, 'the lab server got a report').to.not.equal(null);
        expect(validateReport(report, { checks: CHECKS })).to.deep.equal([]);
        const files = readdirSync(reportsDir).filter((f) => f.includes(id === 'chromium' ? 'chromium' : 'qtwebkit'));
        expect(files.length).to.be.at.least(1);
        const onDisk = JSON.parse(readFileSync(join(reportsDir, files[files.length - 1]), 'utf8'));
        expect(validateReport(onDisk, { checks: CHECKS })).to.deep.equal([]);
        expect(onDisk).to.deep.equal(report);
        expect(onDisk.userAgent).to.equal(report.userAgent);
        expect(onDisk.detect.backend).to.be.a('string');
        const line = lines.find((l) => l.report.userAgent === report.userAgent).line;
        expect(line).to.match(new RegExp(`native ${report.totals.native.passed}/${CHECKS.length}, shim strict ${report.totals.strict.passed}/${CHECKS.length}, shim standard ${report.totals.standard.passed}/${CHECKS.length}`));
      });

      it('lab/compatibility.json has the same marks for this engine (else: npm run compat)', function () {
        const data = readData();
        const committed = data && data.engines.find((e) => e.id === id);
        expect(committed, 'lab/compatibility.json has this engine').to.be.an('object');
        if (committed.version !== session.version) this.skip(); // another release of the engine than the one measured
        const fresh = toRecord(report, { id, label: committed.label, kind: 'browser', version: session.version }, `127.0.0.1:${lab.port}`);
        const diff = [];
        for (const c of CHECKS) {
          for (const col of COLUMNS) {
            if ((committed.cells[c.id][col] === true) !== (fresh.cells[c.id][col] === true)) diff.push(`${c.id} ${col}: committed ${JSON.stringify(committed.cells[c.id][col])}, now ${JSON.stringify(fresh.cells[c.id][col])}`);
          }
        }
        expect(diff, 'run npm run compat and commit docs/').to.deep.equal([]);
      });

      if (id === 'chromium') {
        it('with no WebSocket at all (deleted before the page runs): "native: none", the shim says why', async function () {
          const none = await session.load(`${lab.url}?native=none&send=0&engine=none`, { timeoutMs: 240000 });
          await session.screenshot(join(shots, 'lab-chromium-native-none.png'));
          expect(none.native).to.equal('none');
          expect(none.checks.every((r) => r.native === null)).to.equal(true);
          expect(none.totals.native).to.equal(null);
          expect(none.detect.native).to.equal('none');
          expect(none.detect.unsupported.map((u) => u.split(':')[0])).to.include('noNativeWebSocket');
          expect(validateReport(none, { checks: CHECKS })).to.deep.equal([]);
          // A valid URL cannot connect without an engine: the shim throws NotSupportedError.
          expect(none.checks.find((r) => r.id === 'ctor-url-serialized').strict.actual).to.match(/NotSupportedError/);
        });
      }
    });
  }
});
