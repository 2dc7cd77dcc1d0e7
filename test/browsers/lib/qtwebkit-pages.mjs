// The test pages as QtWebKit 5.212 can run them. It is a WebKit of 2016 (Safari 10): no ES
// modules, ES2015 syntax only (no async functions, `**`, `?.`, `??`, object spread), no
// TextEncoder, URLSearchParams or fetch. Each page's module (and what it imports, the check
// list included) becomes one classic ES2015 script (esbuild, --target=es2015, IIFE) and each
// HTML page a copy loading that script instead of the module; the script-tag build
// (dist/websocket-shim.umd.min.js) is loaded unchanged, as a page would. The missing host
// APIs are imported into the test files only (es2015-page-helpers.js), never made globals:
// the shim sees the engine's own globals.
//
// Output: test-results/qtwebkit/pages/ (git-ignored), served under /static/ like the pages. Each
// page says <base href="/static/test/browsers/pages/">, so every relative URL in it (dist/,
// the IDL file a page fetches, a relative WebSocket URL) resolves as on the original page.
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

// webidl2's tokeniser uses sticky RegExps (/…/y), which QtWebKit 5.212 rejects ("Invalid flag
// supplied to RegExp constructor"). The IDL page gets webidl2's parse of the same file made
// here in Node: `parse(text)` returns it when `text` is that file, and throws otherwise.
const IDL_FILE = join(root, 'test', 'idl', 'websockets.webidl');
const idlPlugin = {
  name: 'webidl2-parsed-in-node',
  setup(build) {
    build.onResolve({ filter: /webidl2\/index\.js$/ }, () => ({ path: 'webidl2-parsed', namespace: 'webidl2-parsed' }));
    build.onLoad({ filter: /.*/, namespace: 'webidl2-parsed' }, async () => {
      const { parse } = await import('webidl2');
      const text = readFileSync(IDL_FILE, 'utf8');
      const ast = JSON.stringify(JSON.parse(JSON.stringify(parse(text))));
      return {
        contents: `const TEXT = ${JSON.stringify(text)}; const AST = ${ast};
export function parse(text) { if (text !== TEXT) throw new Error('webidl2 (parsed in Node): not the IDL file of the build'); return JSON.parse(JSON.stringify(AST)); }`,
        loader: 'js'
      };
    });
  }
};

/** Builds every page; returns the URL path prefix the pages are served under. */
export async function buildQtWebKitPages() {
  const esbuild = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  const modules = readdirSync(SRC).filter((f) => f.endsWith('.mjs') && f !== 'harness.mjs' && f !== 'app.mjs');
  const served = '/static/' + OUT_REL + '/';
  await esbuild.build({
    entryPoints: modules.map((m) => join(SRC, m)),
    outdir: OUT,
    outExtension: { '.js': '.js' },
    bundle: true,
    format: 'iife',
    target: 'es2015',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [helpersPlugin, idlPlugin]
  });
  for (const f of readdirSync(SRC)) {
    if (!f.endsWith('.html') || f === 'app.html') continue;
    // A module script runs after the document is parsed: `defer` keeps that timing.
    const html = readFileSync(join(SRC, f), 'utf8')
      .replace(/<head>/, '<head>\n<base href="/static/test/browsers/pages/">')
      .replace(/<script type="module" src="([^"]+)\.mjs"><\/script>/g, (m, name) => `<script defer src="${served}${name}.js"></script>`);
    if (/type="module"/.test(html)) throw new Error(`${f}: a module script the QtWebKit build does not convert`);
    writeFileSync(join(OUT, f), html);
  }
  return served;
}
