// The published types, as a TypeScript user meets them: the packed package in a consumer
// project, type-checked under moduleResolution nodenext (ESM and CJS files) and bundler, with
// and without lib.dom, with and without @types/node. Fixture lines ending in
// `// expect-error: TSnnnn` must fail with exactly that code; every other line must compile.
import { expect } from 'chai';
import ts from 'typescript';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { packInto, root } from './support/pack.mjs';

const FIXTURES = join(root, 'test', 'types', 'fixtures');

const RESOLUTIONS = {
  'nodenext, ESM': { pkgType: 'module', options: { module: 'nodenext', moduleResolution: 'nodenext' }, files: ['api.ts', 'umd.mts'] },
  'nodenext, CJS': { pkgType: 'commonjs', options: { module: 'nodenext', moduleResolution: 'nodenext' }, files: ['api.ts', 'umd.ts', 'umd.mts'] },
  bundler: { pkgType: 'module', options: { module: 'esnext', moduleResolution: 'bundler' }, files: ['api.ts', 'umd.mts'] }
};
// lib es5 where neither DOM nor @types/node: the declarations need nothing newer.
const LIBS = {
  'DOM + @types/node': { lib: ['es2022', 'dom'], types: ['node'], extra: ['dom.ts', 'node.ts'] },
  'DOM only': { lib: ['es2022', 'dom'], types: [], extra: ['dom.ts'] },
  '@types/node only': { lib: ['es2022'], types: ['node'], extra: ['node.ts'] },
  'neither DOM nor @types/node (lib es5)': { lib: ['es5'], types: [], extra: [] }
};

/** Expected errors: `file:line code` for every line ending in `// expect-error: TSnnnn`. */
function expectations(file, text) {
  const out = [];
  text.split('\n').forEach((line, i) => {
    const m = /\/\/ expect-error: TS(\d+)\s*$/.exec(line);
    if (m) out.push(`${file}:${i + 1} TS${m[1]}`);
  });
  return out;
}

function check(dir, resolution, libs) {
  const files = [...resolution.files, ...libs.extra];
  const project = join(dir, `${resolution.pkgType}-${files.length}-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: resolution.pkgType }));
  let expected = [];
  for (const f of files) {
    copyFileSync(join(FIXTURES, f), join(project, f));
    expected = expected.concat(expectations(f, readFileSync(join(FIXTURES, f), 'utf8')));
  }
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2020,
    lib: libs.lib.map((l) => `lib.${l}.d.ts`),
    types: libs.types,
    typeRoots: [join(dir, 'node_modules', '@types')],
    module: ts.ModuleKind[{ nodenext: 'NodeNext', esnext: 'ESNext' }[resolution.options.module]],
    moduleResolution: ts.ModuleResolutionKind[{ nodenext: 'NodeNext', bundler: 'Bundler' }[resolution.options.moduleResolution]]
  };
  const program = ts.createProgram(files.map((f) => join(project, f)), options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const actual = [];
  const other = [];
  for (const d of diagnostics) {
    if (d.file && d.file.fileName.startsWith(project)) {
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      actual.push(`${basename(d.file.fileName)}:${line + 1} TS${d.code}`);
      if (!expected.includes(`${basename(d.file.fileName)}:${line + 1} TS${d.code}`)) {
        other.push(`${basename(d.file.fileName)}:${line + 1} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      }
    } else {
      other.push(`${d.file ? d.file.fileName : '(global)'} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
  }
  const resolved = program.getSourceFiles().map((s) => s.fileName).filter((f) => f.includes('/websocket-shim/'));
  return { expected: expected.sort(), actual: [...new Set(actual)].sort(), other, resolved };
}

describe('published types (fixture projects, TypeScript ' + ts.version + ')', function () {
  this.timeout(120000);
  let dir;
  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'ws-shim-types-'));
    packInto(dir);
  });
  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [rName, resolution] of Object.entries(RESOLUTIONS)) {
    for (const [lName, libs] of Object.entries(LIBS)) {
      it(`${rName}; ${lName}: compiles, and exactly the expect-error lines fail with their codes`, function () {
        const r = check(dir, resolution, libs);
        expect(r.other, 'unexpected diagnostics').to.deep.equal([]);
        expect(r.actual).to.deep.equal(r.expected);
        expect(r.expected.length).to.be.above(15);
        // The declarations of the right format were used.
        const want = rName === 'nodenext, CJS' ? 'websocket-shim.d.cts' : 'websocket-shim.d.mts';
        expect(r.resolved.map((f) => basename(f))).to.include(want);
      });
    }
  }

  it("the README's examples (the js blocks of \"Three ways in\") compile as TypeScript, strict", function () {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Three ways in'), readme.indexOf('## How it compares'));
    const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).to.be.at.least(3);
    const project = join(dir, 'readme-examples');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'readme', private: true, type: 'module' }));
    // `ws` ships no types of its own (@types/ws is not a dependency here): its default export, declared.
    writeFileSync(join(project, 'ws.d.ts'), "declare module 'ws' {\n  const WS: new (address: string, ...rest: any[]) => object;\n  export default WS;\n}\n");
    const files = blocks.map((code, i) => {
      const f = join(project, `example-${i + 1}.ts`);
      writeFileSync(f, code + '\nexport {};\n');
      return f;
    });
    const program = ts.createProgram([...files, join(project, 'ws.d.ts')], {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2020,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(dir, 'node_modules', '@types')],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? basename(d.file.fileName) : ''} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(errors).to.deep.equal([]);
  });

  it('control: a fixture line that compiles but is marked expect-error is reported missing', function () {
    const fixture = 'control.ts';
    writeFileSync(join(FIXTURES, '..', fixture), "import { WebSocket } from 'websocket-shim';\nnew WebSocket('ws://x/').close(1000); // expect-error: TS2345\n");
    try {
      copyFileSync(join(FIXTURES, '..', fixture), join(FIXTURES, fixture));
      const r = check(dir, { ...RESOLUTIONS.bundler, files: [fixture] }, { ...LIBS['DOM only'], extra: [] });
      expect(r.expected).to.deep.equal([`${fixture}:2 TS2345`]);
      expect(r.actual).to.deep.equal([]);
    } finally {
      rmSync(join(FIXTURES, fixture), { force: true });
      rmSync(join(FIXTURES, '..', fixture), { force: true });
    }
  });

  it('the declarations name only the public API (no internal module, no Backend/Transport)', function () {
    for (const f of ['websocket-shim.d.mts', 'websocket-shim.d.cts']) {
      const text = readFileSync(join(dir, 'node_modules', 'websocket-shim', 'dist', f), 'utf8');
      expect(text, f).not.to.match(/\b(Backend|Transport|SendQueue|ClassOptions|Marker)\b/);
      expect(text, f).not.to.match(/from '\.\//);
      expect(text.match(/^export \{ (.*) \};$/m)[1].split(', ').sort(), f).to.deep.equal(
        ['CloseEvent', 'MessageEvent', 'WebSocket', 'createWebSocketClass', 'detect', 'install', 'uninstall', 'version']
      );
    }
  });
});
