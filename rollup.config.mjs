// One config, one output per way in (SPEC §1):
//   ponyfill + auto, ESM and CJS, for bundlers and browsers ....... dist/websocket-shim.{mjs,cjs}, dist/auto.{mjs,cjs}
//   Node (loads `ws` where Node has no WebSocket) ................ dist/websocket-shim.node.{cjs,mjs}, dist/auto.node.{cjs,mjs}
//   script tag / CDN (ES5, installs at once, global WebSocketShim)  dist/websocket-shim.umd.js, .umd.min.js
//   the modern entry (ES2017; the same three ways in) ............ dist/modern.{mjs,cjs}, dist/modern.node.{cjs,mjs},
//                                                                   dist/modern.auto.{mjs,cjs}, dist/modern.auto.node.{cjs,mjs},
//                                                                   dist/websocket-shim.modern.umd.js, .modern.umd.min.js
//   type declarations, one bundle per format ..................... dist/websocket-shim.d.{mts,cts}, dist/auto.d.{mts,cts},
//                                                                   dist/modern.d.{mts,cts}, dist/modern.auto.d.{mts,cts},
//                                                                   dist/websocket-shim.umd.d.ts
//   SRI hashes of the script-tag builds (README CDN snippet) ...... dist/sri.json
// Every JS file gets a source map with sourcesContent (the maps need no other file).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts5 from 'typescript';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';

// TypeScript compiles an ES5 class to `var X = /** @class */ (function () { ... }())`, which
// terser reads as pure but esbuild and rollup do not: a bundle importing only `version` kept every
// class (issue 13). This transformer (after TypeScript's own) marks those IIFEs /*#__PURE__*/.
const pureClasses = (context) => (sourceFile) => {
  const visit = (node) => {
    if (ts5.isVariableDeclaration(node) && node.initializer && ts5.isParenthesizedExpression(node.initializer)) {
      const comments = ts5.getSyntheticLeadingComments(node.initializer) || [];
      if (ts5.isCallExpression(node.initializer.expression) && comments.some((c) => c.text === '* @class ')) {
        ts5.addSyntheticLeadingComment(node.initializer, ts5.SyntaxKind.MultiLineCommentTrivia, '#__PURE__', false);
      }
    }
    return ts5.visitEachChild(node, visit, context);
  };
  return ts5.visitNode(sourceFile, visit);
};

const ts = (target) =>
  typescript({
    tsconfig: './tsconfig.json',
    ...(target ? { target } : {}),
    transformers: { after: [pureClasses] },
    declaration: false,
    declarationDir: undefined,
    outDir: 'dist',
    sourceMap: true,
    // sourcesContent in every map: the maps work without src/ (CDN, devtools).
    inlineSources: true
  });

const terserOptions = {
  ecma: 5,
  compress: { passes: 2 },
  format: { comments: false },
  safari10: true,
  ie8: false,
  // Public constructors and methods keep their `name` in the min build (WebSocket.name,
  // err.constructor.name === 'DOMException'), as in the readable build and the natives.
  keep_fnames: /^(WebSocket|DOMException|EventTarget|Event|MessageEvent|CloseEvent|close|send)$/
};

// A build's own modules: each module that has a counterpart under src/<dir>/ is replaced by it (a
// counterpart may import the module it replaces).
// - modern (websocket-shim/modern, dist/websocket-shim.modern.umd.min.js): the same sources,
//   ES2017, with the engine's EventTarget, events, DOMException and URL only; the engine families
//   of the last five years; src/modern/entry-support.ts refuses older engines.
// - script-tag (dist/websocket-shim.umd*.js, dist/websocket-shim.modern.umd*.js): for browsers;
//   no Bun, Deno or React Native family (src/script-tag/engines/runtimes.ts says why).
const srcDir = join(dirname(fileURLToPath(import.meta.url)), 'src');
const COUNTERPART_DIRS = ['modern', 'script-tag'];
const counterparts = (dir) => ({
  name: dir + '-modules',
  async resolveId(source, importer, options) {
    if (!importer || source[0] !== '.') return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (!resolved || resolved.external) return null;
    const rel = relative(srcDir, resolved.id);
    if (rel.startsWith('..') || COUNTERPART_DIRS.some((d) => rel.startsWith(d + sep))) return null;
    const own = join(srcDir, dir, rel);
    return existsSync(own) && resolve(importer) !== own ? own : null;
  }
});
const modernModules = () => counterparts('modern');
const scriptTagModules = () => counterparts('script-tag');
// safari10 stays on: Safari 10 / QtWebKit 5.212 reject the names terser would otherwise reuse
// ("Cannot declare a let variable twice"), and must parse the build to be refused with a clear error.
const modernTerserOptions = { ...terserOptions, ecma: 2017 };

// The Node ESM entries wrap the CJS build next to them (src/node-esm.ts).
const nodeEsm = (name, target) => ({
  input: { [name]: 'src/node-esm.ts' },
  external: ['websocket-shim:node-cjs'],
  plugins: [ts(target)],
  output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', sourcemap: true, paths: { 'websocket-shim:node-cjs': `./${name}.cjs` } }
});

// Types: the entries other than the main one re-export its declarations, so every entry's
// WebSocket is one and the same type.
const declarationStubs = {
  name: 'declaration-stubs',
  writeBundle(options) {
    if (options.file !== 'dist/websocket-shim.d.cts') return;
    const header = '// Types for websocket-shim/auto: the same API as websocket-shim (importing it also installs).\n';
    writeFileSync('dist/auto.d.mts', header + "export * from './websocket-shim.mjs';\n");
    writeFileSync('dist/auto.d.cts', header + "export * from './websocket-shim.cjs';\n");
    const modernHeader = '// Types for websocket-shim/modern: the same API as websocket-shim (README "Modern or full build").\n';
    writeFileSync('dist/modern.d.mts', modernHeader + "export * from './websocket-shim.mjs';\n");
    writeFileSync('dist/modern.d.cts', modernHeader + "export * from './websocket-shim.cjs';\n");
    const modernAutoHeader = '// Types for websocket-shim/modern/auto: the same API as websocket-shim (importing it also installs).\n';
    writeFileSync('dist/modern.auto.d.mts', modernAutoHeader + "export * from './websocket-shim.mjs';\n");
    writeFileSync('dist/modern.auto.d.cts', modernAutoHeader + "export * from './websocket-shim.cjs';\n");
    writeFileSync(
      'dist/websocket-shim.umd.d.ts',
      [
        '// Types for websocket-shim/umd, /umd.min, /modern.umd and /modern.umd.min (the script-tag builds): it installs at once',
        '// and sets the global WebSocketShim; under a CommonJS loader module.exports is the same object.',
        "declare const WebSocketShim: typeof import('./websocket-shim.cjs');",
        'declare global {',
        '  /** The API, set by the script-tag build; WebSocketShim.WebSocket is the installed class. */',
        "  var WebSocketShim: typeof import('./websocket-shim.cjs');",
        '  /** Read by the script-tag build when it runs (a data-mode attribute on the script tag wins). */',
        "  var WebSocketShimOptions: import('./websocket-shim.cjs').InstallOptions | undefined;",
        '}',
        'export = WebSocketShim;',
        ''
      ].join('\n')
    );
  }
};

// Subresource Integrity of the script-tag builds, for the README's CDN snippet (test/dist/sri.test.mjs).
const sri = {
  name: 'sri',
  writeBundle(options) {
    if (options.file !== 'dist/websocket-shim.modern.umd.min.js') return;
    const out = {};
    for (const f of ['websocket-shim.umd.js', 'websocket-shim.umd.min.js', 'websocket-shim.modern.umd.js', 'websocket-shim.modern.umd.min.js']) {
      out[f] = 'sha384-' + createHash('sha384').update(readFileSync('dist/' + f)).digest('base64');
    }
    writeFileSync('dist/sri.json', JSON.stringify(out, null, 2) + '\n');
  }
};

export default [
  {
    input: { 'websocket-shim': 'src/index.ts', auto: 'src/auto.ts' },
    plugins: [ts()],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true }
  },
  {
    input: { 'websocket-shim': 'src/index.ts', auto: 'src/auto.ts' },
    plugins: [ts()],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named' }
  },
  {
    input: { 'websocket-shim.node': 'src/node.ts', 'auto.node': 'src/auto-node.ts' },
    plugins: [ts()],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named' }
  },
  nodeEsm('websocket-shim.node'),
  nodeEsm('auto.node'),
  {
    // The script-tag build: an IIFE that installs and sets the WebSocketShim global itself
    // (src/umd.ts says why it is not rollup's UMD wrapper).
    input: 'src/umd.ts',
    plugins: [scriptTagModules(), ts()],
    output: [
      { file: 'dist/websocket-shim.umd.js', format: 'iife', sourcemap: true },
      {
        file: 'dist/websocket-shim.umd.min.js',
        format: 'iife',
        sourcemap: true,
        plugins: [terser(terserOptions)]
      }
    ]
  },
  {
    // The modern entry, generic ESM and CJS (bundlers, browsers, Deno, Bun).
    // modern.auto (`websocket-shim/modern/auto`) imports modern.mjs / modern.cjs: one copy of the API.
    input: { modern: 'src/index.ts', 'modern.auto': 'src/auto.ts' },
    plugins: [modernModules(), ts('ES2017')],
    output: [
      { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', sourcemap: true },
      { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', sourcemap: true, exports: 'named' }
    ]
  },
  {
    // The modern entry for Node (22+ built-in backend; `ws` where it is installed and Node has none).
    input: { 'modern.node': 'src/node.ts', 'modern.auto.node': 'src/auto-node.ts' },
    plugins: [modernModules(), ts('ES2017')],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', sourcemap: true, exports: 'named' }
  },
  nodeEsm('modern.node', 'ES2017'),
  nodeEsm('modern.auto.node', 'ES2017'),
  {
    // The modern script-tag build (built after the full one: the SRI hashes cover both).
    input: 'src/umd.ts',
    plugins: [scriptTagModules(), modernModules(), ts('ES2017')],
    output: [
      { file: 'dist/websocket-shim.modern.umd.js', format: 'iife', sourcemap: true },
      {
        file: 'dist/websocket-shim.modern.umd.min.js',
        format: 'iife',
        sourcemap: true,
        plugins: [terser(modernTerserOptions), sri]
      }
    ]
  },
  {
    // One bundled declaration file per format, naming only the public API (src/types/).
    input: 'src/public.ts',
    plugins: [dts({ tsconfig: './tsconfig.json' })],
    output: [
      { file: 'dist/websocket-shim.d.mts', format: 'es' },
      { file: 'dist/websocket-shim.d.cts', format: 'es', plugins: [declarationStubs] }
    ]
  }
];
