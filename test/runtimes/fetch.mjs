// Fetches the Node.js runtimes the matrix runs on (test/runtimes/matrix.mjs) from the npm
// registry — the `node-<platform>-<arch>` packages the Node project publishes there — and
// keeps them unpacked in a cache outside node_modules (several `node` packages installed as
// npm aliases would fight over the `node` command).
//
// Which release of each major: the exact version pinned in test/runtimes/versions.json, never
// "the latest" (a new release changes what the suite tests; move the pins on purpose with
// `npm run runtimes:update`, test/runtimes/update-pins.mjs).
//
//   node test/runtimes/fetch.mjs [10 12 …]     fetch what is missing, print one line per runtime
//
// Cache: $WS_SHIM_RUNTIMES_DIR, else <project>/.cache/runtimes/ (git-ignored), one folder per
// major (node-<major>/bin/node). A runtime is used again while `bin/node --version` answers
// with the pinned version; a partial unpack is never mistaken for one (it is renamed into
// place last).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const versionsFile = join(root, 'test', 'runtimes', 'versions.json');

/** The pinned release of every Node.js major the package supports and tests: { major: 'x.y.z' }. */
export function readPins() {
  const pins = JSON.parse(readFileSync(versionsFile, 'utf8')).node;
  for (const [major, v] of Object.entries(pins)) {
    if (!new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(v)) throw new Error(`${versionsFile}: node ${major} is pinned to "${v}", not an exact ${major}.x.y`);
  }
  return pins;
}

export const PINS = readPins();
export const MAJORS = Object.keys(PINS).map(Number).sort((a, b) => a - b);

export const cacheDir = process.env.WS_SHIM_RUNTIMES_DIR || join(root, '.cache', 'runtimes');

const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform] || process.platform;
const pkgName = `node-${platform}-${process.arch}`;

function binOf(dir) {
  return process.platform === 'win32' ? join(dir, 'node.exe') : join(dir, 'bin', 'node');
}

/** `bin/node --version` of a cached runtime when it answers with the pinned version, else null. */
function cachedVersion(major) {
  const bin = binOf(join(cacheDir, `node-${major}`));
  if (!existsSync(bin)) return null;
  try {
    const v = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 20000 }).trim();
    return v === `v${PINS[major]}` ? v : null;
  } catch {
    return null;
  }
}

/** Runs a command and resolves with its stdout (rejects with its stderr on a non-zero exit). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim()}`))));
  });
}

export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm pack node-<platform>-<arch>@<pinned version> into a temporary folder, unpack bin/node, verify, move into the cache. */
/**
 * `npm pack <spec>` into a temporary folder of the cache (named `<tmpPrefix>…`), unpacks only
 * `entries` (paths inside the package), checks the unpacked package with `verify(dir)` (its
 * version, or a throw), then moves it into the cache as `folder`: last, so the cache never holds
 * half a runtime. Shared with test/runtimes/fetch-deno-bun.mjs.
 */
export async function packIntoCache(spec, entries, folder, tmpPrefix, verify) {
  mkdirSync(cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(cacheDir, tmpPrefix));
  try {
    const json = await run(npm, ['pack', spec, '--json', '--silent', '--pack-destination', tmp], { cwd: tmp });
    const file = JSON.parse(json)[0].filename;
    const unpack = join(tmp, 'unpack');
    mkdirSync(unpack);
    await run('tar', ['-xzf', join(tmp, file), '-C', unpack, ...entries.map((e) => `package/${e}`)]);
    const version = await verify(join(unpack, 'package'));
    const dest = join(cacheDir, folder);
    rmSync(dest, { recursive: true, force: true });
    renameSync(join(unpack, 'package'), dest);
    return version;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function fetchOne(major) {
  const want = PINS[major];
  if (!want) throw new Error(`node ${major} is not pinned in ${versionsFile}`);
  // Only the binary and the licence: headers and docs are not needed.
  const entries = process.platform === 'win32' ? ['node.exe', 'LICENSE'] : ['bin/node', 'LICENSE'];
  return packIntoCache(`${pkgName}@${want}`, entries, `node-${major}`, `.tmp-${major}-`, async (dir) => {
    const v = (await run(binOf(dir), ['--version'])).trim();
    if (v !== `v${want}`) throw new Error(`${pkgName}@${want} unpacked a node that says ${v}`);
    return v;
  });
}

/**
 * Makes sure every requested major is in the cache; resolves with
 * [{ major, version, bin, fetched, error }] in the order asked. Two downloads at a time.
 */
export { pkgName };

export async function ensureRuntimes(majors = MAJORS, { log = () => {} } = {}) {
  // Leftovers of an interrupted run.
  if (existsSync(cacheDir)) {
    for (const f of readdirSync(cacheDir)) if (f.startsWith('.tmp-')) rmSync(join(cacheDir, f), { recursive: true, force: true });
  }
  const results = majors.map((major) => ({ major, version: cachedVersion(major), bin: binOf(join(cacheDir, `node-${major}`)), fetched: false, error: null }));
  const todo = results.filter((r) => !r.version);
  let next = 0;
  async function worker() {
    while (next < todo.length) {
      const r = todo[next++];
      const t0 = Date.now();
      try {
        r.version = await fetchOne(r.major);
        r.fetched = true;
        log(`fetched ${pkgName}@${PINS[r.major]} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        r.error = e.message;
        log(`could not fetch ${pkgName}@${PINS[r.major]}: ${e.message}`);
      }
    }
  }
  await Promise.all([worker(), worker()]);
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const asked = process.argv.slice(2).map(Number).filter(Boolean);
  const list = await ensureRuntimes(asked.length ? asked : MAJORS, { log: (l) => console.error(l) });
  for (const r of list) console.log(`node ${r.major}: ${r.error ? 'ERROR ' + r.error : r.version + (r.fetched ? ' (fetched)' : ' (cached)') + '  ' + r.bin}`);
  process.exit(list.some((r) => r.error) ? 1 : 0);
}
