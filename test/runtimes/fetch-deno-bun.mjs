// Fetches real Deno and Bun (test/engines-real/) from the npm registry, the only network the
// tests may use: the Deno project publishes its binary as @deno/<platform> and the Bun project
// as @oven/bun-<platform>, the packages their own npm installers (`deno`, `bun`) depend on.
// Same cache and rules as the Node.js runtimes (test/runtimes/fetch.mjs): exact versions pinned
// in test/runtimes/deno-bun.json, never "the latest"; unpacked into $WS_SHIM_RUNTIMES_DIR, else
// <project>/.cache/runtimes/ (git-ignored), as deno/deno and bun/bin/bun; a cached binary is
// used again while `--version` answers with the pin; an unpack is renamed into place last.
// Older releases (pins' `denoOlder` and `bunOlder`, the ones README states results for) are
// keyed `deno@x.y.z` / `bun@x.y.z` and cached as deno-x.y.z/deno and bun-x.y.z/bin/bun.
//
//   node test/runtimes/fetch-deno-bun.mjs [deno] [bun] [deno@x.y.z] [bun@x.y.z]   fetch what is missing, one line each
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, packIntoCache } from './fetch.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const pinsFile = join(root, 'test', 'runtimes', 'deno-bun.json');

/** { deno: 'x.y.z', bun: 'x.y.z', 'deno@x.y.z': 'x.y.z', 'bun@x.y.z': 'x.y.z' … }, each an exact version; older releases keyed by version. */
export function readDenoBunPins() {
  const file = JSON.parse(readFileSync(pinsFile, 'utf8'));
  const pins = { deno: file.deno, bun: file.bun };
  for (const v of file.denoOlder || []) pins[`deno@${v}`] = v;
  for (const v of file.bunOlder || []) pins[`bun@${v}`] = v;
  for (const [name, v] of Object.entries(pins)) {
    if (!/^\d+\.\d+\.\d+$/.test(String(v))) throw new Error(`${pinsFile}: ${name} is pinned to "${v}", not an exact x.y.z`);
  }
  return pins;
}

export const DENO_BUN_PINS = readDenoBunPins();
/** The older Deno releases, as keys of DENO_BUN_PINS ('deno@2.4.4', …). */
export const OLDER_DENO = Object.keys(DENO_BUN_PINS).filter((k) => k.startsWith('deno@'));
/** The older Bun releases, as keys of DENO_BUN_PINS ('bun@1.4.3', …). */
export const OLDER_BUN = Object.keys(DENO_BUN_PINS).filter((k) => k.startsWith('bun@'));

/** 'bun@1.4.3' → 'bun', 'deno@2.4.4' → 'deno': the runtime a key stands for. */
export function runtimeOf(key) {
  return key.split('@')[0];
}

// The binary packages per platform (the optionalDependencies of the `deno` and `bun` npm
// packages). Only linux-x64 is exercised here; the others follow the same naming.
const PACKAGES = {
  deno: { 'linux-x64': '@deno/linux-x64-glibc', 'linux-arm64': '@deno/linux-arm64-glibc', 'darwin-x64': '@deno/darwin-x64', 'darwin-arm64': '@deno/darwin-arm64' },
  bun: { 'linux-x64': '@oven/bun-linux-x64', 'linux-arm64': '@oven/bun-linux-aarch64', 'darwin-x64': '@oven/bun-darwin-x64', 'darwin-arm64': '@oven/bun-darwin-aarch64' }
};
// Where the binary is inside the package's tarball, and inside the cache folder.
const BIN_IN_PACKAGE = { deno: 'deno', bun: 'bin/bun' };

export function packageOf(key) {
  return PACKAGES[runtimeOf(key)][`${process.platform}-${process.arch}`] || null;
}

export function binOf(key) {
  return join(cacheDir, folderOf(key), BIN_IN_PACKAGE[runtimeOf(key)]);
}

/** The cache folder: 'deno', 'bun', 'deno-2.4.4', 'bun-1.4.3'. */
function folderOf(key) {
  return key.replace('@', '-');
}

/** The version a binary answers with: `deno --version` → "deno 2.9.6 (…)", `bun --version` → "1.4.5". */
export function versionOf(key, bin) {
  const name = runtimeOf(key);
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 20000, env: quietEnv(name) }).trim();
  const m = name === 'deno' ? /^deno (\d+\.\d+\.\d+)/.exec(out) : /^(\d+\.\d+\.\d+)/.exec(out);
  return m ? m[1] : out;
}

/** Environment that keeps the runtimes from phoning home (update checks, telemetry, prompts). */
export function quietEnv(key, extra = {}) {
  const name = runtimeOf(key);
  const base = { PATH: process.env.PATH, HOME: process.env.HOME || '/tmp', NO_COLOR: '1', ...extra };
  if (name === 'deno') return { ...base, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
  return { ...base, DO_NOT_TRACK: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };
}

function cachedVersion(name) {
  const bin = binOf(name);
  if (!existsSync(bin)) return null;
  try {
    const v = versionOf(name, bin);
    return v === DENO_BUN_PINS[name] ? v : null;
  } catch {
    return null;
  }
}

const TMP_PREFIX = '.part-deno-bun-';

async function fetchOne(name) {
  const pkg = packageOf(name);
  if (!pkg) throw new Error(`no ${name} binary package known for ${process.platform}-${process.arch}`);
  const want = DENO_BUN_PINS[name];
  const inPackage = BIN_IN_PACKAGE[runtimeOf(name)];
  return packIntoCache(`${pkg}@${want}`, [inPackage, 'package.json'], folderOf(name), `${TMP_PREFIX}${name}-`, (dir) => {
    const got = versionOf(name, join(dir, inPackage));
    if (got !== want) throw new Error(`${pkg}@${want} unpacked a ${name} that says ${got}`);
    return got;
  });
}

/** Makes sure Deno and Bun (and their older releases) are cached; resolves with [{ name, version, bin, fetched, error }]. */
export async function ensureDenoBun(names = ['deno', 'bun', ...OLDER_DENO, ...OLDER_BUN], { log = () => {} } = {}) {
  // Leftovers of an interrupted fetch (an hour old: a fetch running in parallel keeps its own).
  if (existsSync(cacheDir)) {
    for (const f of readdirSync(cacheDir)) {
      const p = join(cacheDir, f);
      if (f.startsWith(TMP_PREFIX) && Date.now() - statSync(p).mtimeMs > 3600e3) rmSync(p, { recursive: true, force: true });
    }
  }
  const results = [];
  for (const name of names) {
    const r = { name, version: cachedVersion(name), bin: binOf(name), fetched: false, error: null };
    if (!r.version) {
      const t0 = Date.now();
      try {
        r.version = await fetchOne(name);
        r.fetched = true;
        log(`fetched ${packageOf(name)}@${DENO_BUN_PINS[name]} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        r.error = e.message;
        log(`could not fetch ${name} ${DENO_BUN_PINS[name]}: ${e.message}`);
      }
    }
    results.push(r);
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const asked = process.argv.slice(2).filter((a) => DENO_BUN_PINS[a]);
  const list = await ensureDenoBun(asked.length ? asked : undefined, { log: (l) => console.error(l) });
  for (const r of list) console.log(`${r.name}: ${r.error ? 'ERROR ' + r.error : r.version + (r.fetched ? ' (fetched)' : ' (cached)') + '  ' + r.bin}`);
  process.exit(list.some((r) => r.error) ? 1 : 0);
}
