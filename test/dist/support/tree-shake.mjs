// Tree-shaking (issue 13): what a bundler keeps of the package for one named import. A fixture
// project in a temporary directory imports from 'websocket-shim' (resolved through the package's
// own package.json: exports, sideEffects), esbuild bundles it with --minify for the browser, and
// the output is measured as test/dist/support/size.mjs measures files (raw, gzip at zlib level 9).
// Run directly to print the figures: node test/dist/support/tree-shake.mjs
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { root } from './sandbox.mjs';

/** The bundles measured: name → [specifier, imported name] (null: a side-effect import). */
export const BUNDLES = {
  'esbuild: import { WebSocket } from websocket-shim': ['websocket-shim', 'WebSocket'],
  'esbuild: import { version } from websocket-shim': ['websocket-shim', 'version'],
  'esbuild: import { WebSocket } from websocket-shim/modern': ['websocket-shim/modern', 'WebSocket'],
  "esbuild: import 'websocket-shim/modern/auto'": ['websocket-shim/modern/auto', null]
};

/** The fixture's source: one named import used, or a side-effect import alone. */
function entrySource(specifier, name) {
  return name ? `import { ${name} } from '${specifier}';\nglobalThis.out = ${name};\n` : `import '${specifier}';\n`;
}

/** esbuild's bundle of the fixture: { raw, gzip, code, inputs } (inputs: the package files it kept). */
export async function bundleSize(specifier, name, packageDir = root) {
  const dir = mkdtempSync(join(tmpdir(), 'ws-shim-treeshake-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(packageDir, join(dir, 'node_modules', 'websocket-shim'), 'dir');
    writeFileSync(join(dir, 'entry.mjs'), entrySource(specifier, name));
    const result = await build({
      entryPoints: [join(dir, 'entry.mjs')],
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: dir
    });
    const bytes = Buffer.from(result.outputFiles[0].contents);
    // The package's files, relative to it (esbuild names them by their real path, past the link).
    const real = realpathSync(packageDir);
    const inputs = Object.keys(result.metafile.inputs)
      .map((f) => relative(real, resolve(dir, f)).split(sep).join('/'))
      .filter((f) => !f.startsWith('..'));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length, code: bytes.toString('utf8'), inputs };
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
