// The script-tag bundles are ES5 (SPEC §4: "the UMD is ES5"), checked with es-check's CLI;
// the generic builds a bundler ships to old browsers are ES5 too (ESM: apart from import/export).
// Negative controls prove the same command fails on post-ES5 code.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, UMD_FILES } from './support/sandbox.mjs';

const esCheckPkg = JSON.parse(readFileSync(join(root, 'node_modules', 'es-check', 'package.json'), 'utf8'));
const esCheckBin = join(root, 'node_modules', 'es-check', typeof esCheckPkg.bin === 'string' ? esCheckPkg.bin : esCheckPkg.bin['es-check']);

function esCheck(args) {
  const r = spawnSync(process.execPath, [esCheckBin, ...args, '--noColor'], { cwd: root, encoding: 'utf8', timeout: 60000 });
  return { status: r.status, output: (r.stdout || '') + (r.stderr || '') };
}

describe('ES5 output (es-check)', function () {
  this.timeout(60000);
  let dir;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-es5-'));
  });
  after(function () {
    rmSync(dir, { recursive: true, force: true });
  });
  const temp = (name, code) => {
    const file = join(dir, name);
    writeFileSync(file, code);
    return file;
  };

  it(`es-check es5 passes on ${UMD_FILES.join(' and ')}`, function () {
    const r = esCheck(['es5', ...UMD_FILES]);
    expect(r.status, r.output).to.equal(0);
    expect(r.output).to.match(/checking 2 files/);
    expect(r.output).to.match(/passed/i);
  });

  for (const file of UMD_FILES) {
    it(`${file} alone passes too`, function () {
      const r = esCheck(['es5', file]);
      expect(r.status, r.output).to.equal(0);
    });
  }

  it('the generic CJS builds (for bundlers targeting old browsers) are ES5', function () {
    const r = esCheck(['es5', 'dist/websocket-shim.cjs', 'dist/auto.cjs']);
    expect(r.status, r.output).to.equal(0);
  });

  it('the generic ESM builds are ES5 apart from import/export', function () {
    const r = esCheck(['es5', '--module', 'dist/websocket-shim.mjs', 'dist/auto.mjs']);
    expect(r.status, r.output).to.equal(0);
  });

  it('control: es-check es5 --module fails on an ES module with const', function () {
    const r = esCheck(['es5', '--module', temp('const-module.mjs', 'import x from "./x.mjs";\nexport const y = x;\n')]);
    expect(r.status, r.output).to.not.equal(0);
  });

  it('control: es-check es5 fails on let, arrow functions and classes', function () {
    const bad = temp('post-es5.js', 'let a = 1;\nvar f = () => a;\nclass B {}\n');
    const r = esCheck(['es5', bad]);
    expect(r.status, r.output).to.not.equal(0);
    expect(r.output).to.match(/post-es5\.js/);
  });

  for (const [name, code] of [
    ['arrow.js', 'var f = (x) => x;\n'],
    ['class.js', 'var C = class {};\n'],
    ['template.js', 'var s = `x`;\n'],
    ['const.js', 'const c = 1;\n'],
    ['spread.js', 'var a = [].concat([...[1]]);\n']
  ]) {
    it(`control: each post-ES5 form alone fails (${name})`, function () {
      const r = esCheck(['es5', temp(name, code)]);
      expect(r.status, r.output).to.not.equal(0);
    });
  }

  it('control: the same command passes on plain ES5 (so it is not failing everything)', function () {
    const r = esCheck(['es5', temp('plain-es5.js', 'var a = [1, 2].map(function (x) { return x * 2; });\nObject.defineProperty({}, "x", { value: a });\n')]);
    expect(r.status, r.output).to.equal(0);
  });

  // --checkFeatures also flags post-ES5 built-ins used as free identifiers. Two are allowed,
  // each only reached where the engine has it: `globalThis` (behind `typeof globalThis`, with
  // self/window/global as fallbacks) and `Uint8Array` / `ArrayBuffer` (binary data exists only
  // where typed arrays do: IE10+; `ArrayBuffer` is reached behind `typeof ArrayBuffer`).
  // Anything new (Promise, Map, Symbol, ...) fails this test.
  const ALLOWED_FEATURES = ['globalThis', 'Uint8Array', 'ArrayBuffer'];

  it(`es-check es5 --checkFeatures passes on the UMD bundles, allowing only ${ALLOWED_FEATURES.join(', ')}`, function () {
    const r = esCheck(['es5', '--checkFeatures', `--ignore=${ALLOWED_FEATURES.join(',')}`, ...UMD_FILES]);
    expect(r.status, r.output).to.equal(0);
  });

  it('control: --checkFeatures with the same allowance fails on a free Promise', function () {
    const r = esCheck(['es5', '--checkFeatures', `--ignore=${ALLOWED_FEATURES.join(',')}`, temp('promise.js', 'var p = new Promise(function (r) { r(); });\n')]);
    expect(r.status, r.output).to.not.equal(0);
    expect(r.output).to.match(/Promise/);
  });
});
