// The lab server (lab/server.mjs) over real HTTP on 127.0.0.1: a strict CSP on everything it
// serves, a page with no inline script, reports validated (lab/report-schema.json) and kept
// under reports/ with a one-line summary, the test server's log on the same origin, and the
// docs page with an anchor for every name detect() prints here.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { startLab, root, csp } from '../../lab/server.mjs';
import { buildChecks } from '../../lab/build.mjs';
import { validateReport } from '../../lab/validate.mjs';
import { CHECKS } from '../../conformance/checks.mjs';

const require = createRequire(import.meta.url);

/** A real report: lab/node-run.cjs in this Node against the lab's own test server. */
function nodeReport(lab) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(root, 'lab', 'node-run.cjs'), `http://127.0.0.1:${lab.wsPort}`, 'test'], { maxBuffer: 1 << 26 }, (err, out) => {
      if (err) reject(err);
      else resolve(JSON.parse(out));
    });
  });
}

describe('lab: the lab server', function () {
  this.timeout(60000);
  let lab;
  let reportsDir;
  const lines = [];
  const get = (path, init) => fetch(`http://127.0.0.1:${lab.port}${path}`, init);

  before(async function () {
    buildChecks();
    reportsDir = mkdtempSync(join(tmpdir(), 'ws-shim-lab-reports-'));
    lab = await startLab({ port: 0, reportsDir, onReport: (line, file) => lines.push({ line, file }) });
  });
  after(async function () {
    if (lab) await lab.close();
    rmSync(reportsDir, { recursive: true, force: true });
  });

  it("serves every page file with Content-Security-Policy script-src 'self' and nothing inline", async function () {
    for (const path of ['/', '/config.js', '/hooks.js', '/checks.js', '/report.js', '/detect.js', '/lab.js', '/lab.css', '/websocket-shim.umd.min.js', '/docs/detect.html']) {
      const res = await get(path);
      expect(res.status, path).to.equal(200);
      const policy = res.headers.get('content-security-policy');
      expect(policy, path).to.include("script-src 'self'");
      expect(policy, path).to.include("default-src 'none'");
      expect(policy, path).to.not.match(/unsafe-inline|unsafe-eval/);
      await res.arrayBuffer();
    }
  });

  it('the page loads scripts only by src (no inline script, no inline handler, no style attribute)', async function () {
    const html = await (await get('/')).text();
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g);
    expect(scripts.length).to.be.at.least(5);
    for (const s of scripts) expect(s, s).to.match(/^<script src="[\w.-]+\.js"><\/script>$/);
    expect(html).to.not.match(/\son[a-z]+=|\sstyle=/i);
  });

  it("the CSP: scripts and styles from the page's origin only, connections to it and to ws:/wss: (the checks' sockets)", async function () {
    const policy = (await get('/')).headers.get('content-security-policy');
    expect(policy).to.equal(csp());
    expect(policy).to.include("connect-src 'self' ws: wss:");
    expect(policy).to.include("style-src 'self'");
    expect(policy).to.include("base-uri 'none'");
  });

  it('config.js names the test server, a closed port and the shim version', async function () {
    const text = await (await get('/config.js')).text();
    const cfg = JSON.parse(/^window\.WSLabConfig = (.*);\n$/.exec(text)[1]);
    expect(cfg.wsPort).to.equal(lab.wsPort);
    expect(cfg.refusedPort).to.be.a('number');
    expect(cfg.shimVersion).to.equal(require('../../dist/websocket-shim.node.cjs').version);
  });

  it('a report is validated, kept under reports/ and summarized in one line', async function () {
    const report = await nodeReport(lab);
    expect(validateReport(report, { checks: CHECKS })).to.deep.equal([]);
    const res = await get('/report', { method: 'POST', body: JSON.stringify(report), headers: { 'content-type': 'application/json' } });
    expect(res.status).to.equal(200);
    const { file } = await res.json();
    const files = readdirSync(reportsDir);
    expect(files).to.have.length(1);
    expect(file.endsWith(files[0])).to.equal(true);
    const stored = JSON.parse(readFileSync(join(reportsDir, files[0]), 'utf8'));
    expect(stored).to.deep.equal(report);
    expect(validateReport(stored, { checks: CHECKS })).to.deep.equal([]);
    expect(lines).to.have.length(1);
    const t = report.totals;
    expect(lines[0].line).to.equal(
      `test: native ${t.native.passed}/${CHECKS.length}, shim strict ${t.strict.passed}/${CHECKS.length}, shim standard ${t.standard.passed}/${CHECKS.length}; backend ${report.detect.backend}, ${report.detect.quirks.length} quirks, ${report.detect.unsupported.length} unsupported`
    );
    expect(lines[0].line).to.not.include('\n');
  });

  it('a report that breaks the schema or contradicts itself is refused with 400 and not kept', async function () {
    const good = await nodeReport(lab);
    const before = readdirSync(reportsDir).length;
    const bad = [
      ['not JSON', '{'],
      ['no user agent', JSON.stringify({ ...good, userAgent: undefined })],
      ['an unknown property', JSON.stringify({ ...good, extra: 1 })],
      ['a pass flag that contradicts the cell', JSON.stringify({ ...good, checks: good.checks.map((r, i) => (i === 0 ? { ...r, strict: { actual: 'nope', pass: true } } : r)) })],
      ['totals that do not count the cells', JSON.stringify({ ...good, totals: { ...good.totals, strict: { passed: 0, failed: 0 } } })],
      ['a native cell although native is none', JSON.stringify({ ...good, native: 'none' })]
    ];
    for (const [what, body] of bad) {
      const res = await get('/report', { method: 'POST', body });
      expect(res.status, what).to.equal(400);
      await res.text();
    }
    expect(readdirSync(reportsDir).length).to.equal(before);
  });

  it('the test server\'s log is read through the page\'s origin (/log/<id>)', async function () {
    const res = await get('/log/nothing-here');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.equal(null);
  });

  it('docs/detect.html has an anchor for every name this host\'s detect() prints', async function () {
    const html = await (await get('/docs/detect.html')).text();
    const d = require('../../dist/websocket-shim.node.cjs').detect();
    const names = [d.native, d.backend, ...Object.keys(d.features), ...d.quirks, ...d.normalizations, ...d.unsupported.map((u) => u.split(':')[0])];
    const missing = names.filter((n) => !html.includes(`id="${n}"`));
    expect(missing).to.deep.equal([]);
  });

  it('unknown paths are 404 and other methods 405', async function () {
    expect((await get('/../package.json')).status).to.equal(404);
    expect((await get('/docs/nope.html')).status).to.equal(404);
    expect((await get('/', { method: 'DELETE' })).status).to.equal(405);
  });
});
