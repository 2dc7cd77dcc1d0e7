// Tree-shaking (issue 13): what a bundler keeps of the package for one named import. A fixture
// project in a temporary directory imports from 'websocket-shim' (resolved through the package's
// own package.json: exports, sideEffects), esbuild bundles it with --minify for the browser, and
// the output is measured as test/dist/support/size.mjs measures files (raw, gzip at zlib level 9).
// Run directly to print the figures: node test/dist/support/tree-shake.mjs
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { root } from './sandbox.mjs';

/** The bundles measured: name → [specifier, imported name]. */
export const BUNDLES = {
  'esbuild: import { WebSocket } from websocket-shim': ['websocket-shim', 'WebSocket'],
  'esbuild: import { version } from websocket-shim': ['websocket-shim', 'version'],
  'esbuild: import { WebSocket } from websocket-shim/modern': ['websocket-shim/modern', 'WebSocket']
};

export async function bundleSize(specifier, name) {
  const dir = mkdtempSync(join(tmpdir(), 'ws-shim-treeshake-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'websocket-shim'), 'dir');
    writeFileSync(join(dir, 'entry.mjs'), `import { ${name} } from '${specifier}';\nglobalThis.out = ${name};\n`);
    const result = await build({
      entryPoints: [join(dir, 'entry.mjs')],
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      absWorkingDir: dir
    });
    const bytes = Buffer.from(result.outputFiles[0].contents);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureBundles() {
  const out = {};
  for (const [label, [specifier, name]] of Object.entries(BUNDLES)) out[label] = await bundleSize(specifier, name);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [label, s] of Object.entries(await measureBundles())) console.log(`${label}: ${s.raw} B raw, ${s.gzip} B gzip`);
}
