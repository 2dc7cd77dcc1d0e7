// The package as the ecosystem's linters see it, from the packed tarball: publint (package.json
// fields, exports, files) and @arethetypeswrong/cli (each entry's types under node10, node16
// from CJS and from ESM, bundler). Both must report nothing.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './support/pack.mjs';

const bin = (name) => join(root, 'node_modules', '.bin', name);
// The script-tag entries (their named-exports rule is checked apart, below).
const UMD = ['umd', 'umd.min', 'modern.umd', 'modern.umd.min'];

describe('package lint (publint, arethetypeswrong)', function () {
  this.timeout(180000);
  let dir;
  let tgz;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-lint-'));
    const r = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).to.equal(0);
    tgz = join(dir, r.stdout.trim().split('\n').pop());
  });
  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('publint --strict: no errors, warnings or suggestions but the browser-field one', function () {
    const r = spawnSync(bin('publint'), ['run', tgz, '--strict'], { cwd: root, encoding: 'utf8' });
    const out = r.stdout + r.stderr;
    expect(r.status, out).to.equal(0);
    expect(out, out).not.to.match(/Errors:|Warnings:/);
    // The one suggestion left: pkg.browser as an object. It stays for bundlers that read it
    // and not "exports" (webpack 4, browserify); "exports" already has the same mapping.
    const suggestions = out.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(suggestions.length, out).to.be.at.most(1);
    for (const s of suggestions) expect(s).to.match(/pkg\.browser with an object value/);
  });

  it('attw: every entry resolves to types of the right format under node10, node16 (CJS, ESM) and bundler', function () {
    // named-exports is left out for the script tags only (./umd, ./umd.min, ./modern.umd,
    // ./modern.umd.min), where it is true and documented: the script-tag build sets module.exports at run time, so Node's ESM loader gives it as the default
    // import only (`import WebSocketShim from 'websocket-shim/umd'`), while TypeScript also offers
    // named imports of an `export =` object. Every other entry is checked with every rule.
    const all = spawnSync(bin('attw'), [tgz, '--format', 'json', '--exclude-entrypoints', ...UMD], { cwd: root, encoding: 'utf8' });
    const report = JSON.parse(all.stdout);
    expect(report.analysis.problems, JSON.stringify(report.analysis.problems, null, 2)).to.deep.equal([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).to.deep.equal(['.', './auto', './modern', './modern/auto', './package.json']);
    const umd = spawnSync(bin('attw'), [tgz, '--format', 'json', '--entrypoints', ...UMD, '--ignore-rules', 'named-exports'], { cwd: root, encoding: 'utf8' });
    const umdReport = JSON.parse(umd.stdout);
    const problems = umdReport.analysis.problems.filter((p) => p.kind !== 'NamedExports');
    expect(problems, JSON.stringify(problems, null, 2)).to.deep.equal([]);
    expect(Object.keys(umdReport.analysis.entrypoints).sort()).to.deep.equal(['./modern.umd', './modern.umd.min', './umd', './umd.min']);
  });
});
