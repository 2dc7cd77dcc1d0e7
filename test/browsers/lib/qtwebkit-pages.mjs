// The test pages as QtWebKit 5.212 can run them. It is a WebKit of 2016 (Safari 10): no ES
// modules, ES2015 syntax only (no async functions, `**`, `?.`, `??`, object spread), no
// TextEncoder, URLSearchParams or fetch. Each page's module (and what it imports, the check
// list included) becomes one classic ES2015 script (esbuild, --target=es2015, IIFE) and each
// HTML page a copy loading that script instead of the module; the script-tag build
// (dist/websocket-shim.umd.min.js) is loaded unchanged, as a page would. The missing host
// APIs are imported into the test files only (es2015-page-helpers.js), never made globals:
// the shim sees the engine's own globals.
//
// Output: test-results/qtwebkit/pages/ (git-ignored; as deep as test/browsers/pages/, so the
// pages' relative paths to dist/ hold), served under /static/ like the pages.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './apps.mjs';

const SRC = join(root, 'test', 'browsers', 'pages');
export const OUT_REL = 'test-results/qtwebkit/pages';
const OUT = join(root, OUT_REL);
const HELPERS = join(root, 'test', 'browsers', 'lib', 'es2015-page-helpers.js');
const HELPER_NAMES = ['TextEncoder', 'TextDecoder', 'URLSearchParams', 'fetch'];

// Test code only: the pages and the check list. dist/ (the shim) keeps the page's globals.
const TEST_FILE = /[\\/](test[\\/]browsers[\\/]pages|conformance)[\\/][^\\/]+\.mjs$/;

const helpersPlugin = {
  name: 'es2015-page-helpers',
  setup(build) {
    build.onLoad({ filter: TEST_FILE }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      const used = HELPER_NAMES.filter((n) => new RegExp('\\b' + n + '\\b').test(code));
      const spec = JSON.stringify(relative(join(args.path, '..'), HELPERS).replace(/\\/g, '/').replace(/^(?!\.)/, './'));
      const head = used.length ? `import { ${used.join(', ')} } from ${spec};\n` : '';
      return { contents: head + code, loader: 'js' };
    });
  }
};

/** Builds every page; returns the URL path prefix the pages are served under. */
export async function buildQtWebKitPages() {
  const esbuild = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  const modules = readdirSync(SRC).filter((f) => f.endsWith('.mjs') && f !== 'harness.mjs' && f !== 'app.mjs');
  await esbuild.build({
    entryPoints: modules.map((m) => join(SRC, m)),
    outdir: OUT,
    outExtension: { '.js': '.js' },
    bundle: true,
    format: 'iife',
    target: 'es2015',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [helpersPlugin]
  });
  for (const f of readdirSync(SRC)) {
    if (f.endsWith('.js')) writeFileSync(join(OUT, f), readFileSync(join(SRC, f)));
    if (!f.endsWith('.html') || f === 'app.html') continue;
    // A module script runs after the document is parsed: `defer` keeps that timing.
    const html = readFileSync(join(SRC, f), 'utf8').replace(/<script type="module" src="([^"]+)\.mjs"><\/script>/g, '<script defer src="$1.js"></script>');
    if (/type="module"/.test(html)) throw new Error(`${f}: a module script the QtWebKit build does not convert`);
    writeFileSync(join(OUT, f), html);
  }
  return '/static/' + OUT_REL + '/';
}
