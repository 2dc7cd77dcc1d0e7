// Builds the bundler fixtures (test/browsers/apps) the way a user's project would: the
// package is packed (`npm pack`, so only what package.json "files" ships) and unpacked into
// a node_modules next to copies of the apps, then each app is bundled by rollup
// (+ @rollup/plugin-node-resolve, browser), esbuild, webpack and vite, with each bundler's
// production defaults (webpack and vite minify, rollup and esbuild do not), as a classic
// script (IIFE) a page can load. Each bundle reports the modules it holds.
//
//   await buildApps() → [{ bundler, app, file, url, modules, code, error }]
//     file   the bundle, under test-results/browsers/apps/out/ (git-ignored)
//     url    its path under the test server's /static/
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const work = join(root, 'test-results', 'browsers', 'apps');
const out = join(work, 'out');

export const APPS = ['auto', 'ponyfill', 'modern-auto'];
export const BUNDLERS = ['rollup', 'esbuild', 'webpack', 'vite'];

/**
 * The install code's fingerprint: the list of globals install() saves and uninstall()
 * restores (src/install.ts). It survives minification; the auto bundles must contain it
 * (the control), the ponyfill bundles must not.
 */
export const INSTALL_FINGERPRINT = /\[\s*(["'`])WebSocket\1\s*,\s*\1CloseEvent\1\s*,\s*\1MessageEvent\1\s*\]/;

function packInto(dir) {
  const packDir = join(work, 'pack');
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', '--silent', '--pack-destination', packDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', join(packDir, tgz), '-C', dir, '--strip-components=1']);
}

async function withRollup(entry, file) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const bundle = await rollup({ input: entry, plugins: [nodeResolve({ browser: true })], onwarn: () => {} });
  const { output } = await bundle.write({ file, format: 'iife' });
  await bundle.close();
  return Object.keys(output[0].modules);
}

async function withEsbuild(entry, file) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: file,
    metafile: true,
    logLevel: 'silent'
  });
  return Object.keys(result.metafile.inputs);
}

async function withWebpack(entry, file) {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        context: work,
        entry,
        target: 'web',
        devtool: false,
        output: { path: dirname(file), filename: file.slice(dirname(file).length + 1) },
        performance: { hints: false }
      },
      (err, s) => (err ? reject(err) : s.hasErrors() ? reject(new Error(s.toString('errors-only'))) : resolve(s))
    );
  });
  const names = [];
  const walk = (mods) => {
    for (const m of mods || []) {
      if (m.modules) walk(m.modules);
      else if (m.name) names.push(m.name);
    }
  };
  walk(stats.toJson({ all: false, modules: true, nestedModules: true }).modules);
  return names;
}

async function withVite(entry, file) {
  const { build } = await import('vite');
  const name = file.slice(dirname(file).length + 1);
  const result = await build({
    configFile: false,
    root: work,
    logLevel: 'silent',
    cacheDir: join(work, '.vite'),
    build: {
      outDir: dirname(file),
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry, formats: ['iife'], name: 'App', fileName: () => name }
    }
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === 'chunk');
  return chunk.moduleIds || Object.keys(chunk.modules || {});
}

const BUILD = { rollup: withRollup, esbuild: withEsbuild, webpack: withWebpack, vite: withVite };

export async function buildApps() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The apps' own package.json: without it the repository's would be the nearest one, and
  // resolvers would take 'websocket-shim' as a self-reference to the working tree.
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'websocket-shim-fixture-apps', private: true }, null, 2)
  );
  packInto(join(work, 'node_modules', 'websocket-shim'));
  for (const app of APPS) cpSync(join(root, 'test', 'browsers', 'apps', app), join(work, 'src', app), { recursive: true });
  const bundles = [];
  for (const bundler of BUNDLERS) {
    for (const app of APPS) {
      const entry = join(work, 'src', app, 'main.js');
      const file = join(out, `${bundler}-${app}.js`);
      const b = { bundler, app, file, url: '/static/' + relative(root, file).split('\\').join('/'), modules: [], code: '', error: null };
      try {
        b.modules = (await BUILD[bundler](entry, file)).map((m) => relative(work, m.replace(/^\0/, '').replace(/^\.\//, work + '/')).split('\\').join('/'));
        b.code = readFileSync(file, 'utf8');
      } catch (e) {
        b.error = String((e && e.stack) || e);
      }
      bundles.push(b);
    }
  }
  writeFileSync(join(work, 'bundles.json'), JSON.stringify(bundles.map(({ code, ...rest }) => ({ ...rest, bytes: code.length })), null, 2));
  return bundles;
}

/** Whether the bundles can be built here (the bundlers are devDependencies). */
export function canBuild() {
  return existsSync(join(root, 'node_modules', 'esbuild')) && existsSync(join(root, 'dist', 'websocket-shim.mjs'));
}
