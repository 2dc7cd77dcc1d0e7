// Starts test/engines-real/client.mjs in real Deno and Bun (fetched by
// test/runtimes/fetch-deno-bun.mjs) against a conformance server on 127.0.0.1, and returns its
// JSON report. How each runtime reaches the package is what its users get:
//   by name   a project folder with node_modules/websocket-shim (a link to this repository) and
//             `import … from 'websocket-shim'` / 'websocket-shim/modern': package.json `exports`
//             resolved with the runtime's own conditions (both pick `import` + `node`:
//             dist/websocket-shim.node.mjs, dist/modern.node.mjs; the client reports the file);
//   by URL    dist/websocket-shim.mjs and dist/modern.mjs imported by file URL, as from a CDN
//             (esm.sh, jsDelivr) or a vendored copy: the generic ESM build.
// Network: Deno may reach 127.0.0.1 only (--allow-net=127.0.0.1) and read only the repository
// and the project folder; both runtimes get proxy variables pointing at a dead port on
// 127.0.0.1 (NO_PROXY=127.0.0.1), so a request for anything else fails instead of leaving.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { quietEnv, binOf, runtimeOf } from '../runtimes/fetch-deno-bun.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const client = join(root, 'test', 'engines-real', 'client.mjs');
const DEAD_PROXY = 'http://127.0.0.1:9';

/** A user's project folder: package.json, node_modules/websocket-shim → this repository, and one module per entry. */
export function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'ws-shim-deno-bun-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'websocket-shim'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deno-bun-user', private: true, type: 'module', dependencies: { 'websocket-shim': '*' } }) + '\n');
  const entry = (spec) => `import * as api from '${spec}';\nexport { api };\nexport const resolved = import.meta.resolve('${spec}');\n`;
  writeFileSync(join(dir, 'full.mjs'), entry('websocket-shim'));
  writeFileSync(join(dir, 'modern.mjs'), entry('websocket-shim/modern'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The entries each runtime imports: by name through the project, and by file URL. */
export function entriesOf(project) {
  const file = (p) => pathToFileURL(join(root, p)).href;
  return [
    { label: 'websocket-shim (by name)', url: pathToFileURL(join(project.dir, 'full.mjs')).href, kind: 'full' },
    { label: 'websocket-shim/modern (by name)', url: pathToFileURL(join(project.dir, 'modern.mjs')).href, kind: 'modern' },
    { label: 'dist/websocket-shim.mjs (by URL)', url: file('dist/websocket-shim.mjs'), kind: 'full' },
    { label: 'dist/modern.mjs (by URL)', url: file('dist/modern.mjs'), kind: 'modern' }
  ];
}

/**
 * The command line for one runtime ('deno', 'bun', or an older release: 'deno@2.4.4', 'bun@1.4.3'),
 * running `script` (client.mjs unless another file of this folder) with the config as its argument.
 */
export function commandFor(name, project, configJson, script = client) {
  const env = quietEnv(name, { HTTP_PROXY: DEAD_PROXY, HTTPS_PROXY: DEAD_PROXY, ALL_PROXY: DEAD_PROXY, http_proxy: DEAD_PROXY, https_proxy: DEAD_PROXY, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' });
  if (runtimeOf(name) === 'deno') {
    env.DENO_DIR = join(project.dir, '.deno');
    const args = ['run', '--no-lock', '--allow-net=127.0.0.1', `--allow-read=${root},${project.dir}`, script, configJson];
    return { bin: binOf(name), args, env };
  }
  return { bin: binOf(name), args: ['--no-install', script, configJson], env };
}

/** Runs the client (or `script`) in `name`; resolves with { code, report, out, err }. */
export function runClient(name, project, config, { timeoutMs = 600000, script = client } = {}) {
  const { bin, args, env } = commandFor(name, project, JSON.stringify(config), script);
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: project.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      let report = null;
      const last = out.trim().split('\n').pop();
      try {
        report = JSON.parse(last);
      } catch {}
      resolve({ code, report, out, err });
    });
  });
}
