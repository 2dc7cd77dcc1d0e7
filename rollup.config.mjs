// One config, one output per way in (SPEC §1):
//   ponyfill + auto, ESM and CJS, for bundlers and browsers ....... dist/websocket-shim.{mjs,cjs}, dist/auto.{mjs,cjs}
//   Node (loads `ws` where Node has no WebSocket) ................ dist/websocket-shim.node.{cjs,mjs}, dist/auto.node.{cjs,mjs}
//   script tag / CDN (ES5, installs at once, global WebSocketShim)  dist/websocket-shim.umd.js, .umd.min.js
//   type declarations ............................................ dist/types/
import { writeFileSync } from 'node:fs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

const ts = (declarations) =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: declarations,
    declarationDir: declarations ? 'dist/types' : undefined,
    outDir: 'dist',
    sourceMap: true
  });

// The names every entry exports; the Node ESM wrappers re-export them from the one CJS copy,
// so ESM and CJS in one Node process share one module state (as ws does).
const API = ['WebSocket', 'CloseEvent', 'MessageEvent', 'install', 'uninstall', 'detect', 'version', 'createWebSocketClass'];

const nodeEsmWrappers = {
  name: 'node-esm-wrappers',
  writeBundle() {
    for (const [file, cjs] of [
      ['dist/websocket-shim.node.mjs', './websocket-shim.node.cjs'],
      ['dist/auto.node.mjs', './auto.node.cjs']
    ]) {
      writeFileSync(
        file,
        `// Node ESM entry: a thin wrapper over the CJS build, so there is one copy of module state.\n` +
          `import api from '${cjs}';\n` +
          API.map((n) => `export const ${n} = api.${n};`).join('\n') +
          `\nexport default api;\n`
      );
    }
  }
};

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

export default [
  {
    input: { 'websocket-shim': 'src/index.ts', auto: 'src/auto.ts' },
    plugins: [ts(true)],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true }
  },
  {
    input: { 'websocket-shim': 'src/index.ts', auto: 'src/auto.ts' },
    plugins: [ts(false)],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named' }
  },
  {
    input: { 'websocket-shim.node': 'src/node.ts', 'auto.node': 'src/auto-node.ts' },
    plugins: [ts(false), nodeEsmWrappers],
    output: { dir: 'dist', format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs', sourcemap: true, exports: 'named' }
  },
  {
    // The script-tag build: an IIFE that installs and sets the WebSocketShim global itself
    // (src/umd.ts says why it is not rollup's UMD wrapper).
    input: 'src/umd.ts',
    plugins: [ts(false)],
    output: [
      { file: 'dist/websocket-shim.umd.js', format: 'iife', sourcemap: true },
      {
        file: 'dist/websocket-shim.umd.min.js',
        format: 'iife',
        sourcemap: true,
        plugins: [terser(terserOptions)]
      }
    ]
  }
];
