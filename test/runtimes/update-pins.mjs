// Moves the pinned Node.js runtimes (test/runtimes/versions.json) to the newest release of
// each major on the npm registry, then fetches them and reruns the matrix, so that an upgrade
// is one deliberate commit whose diff shows what changed: the pins, the README's Node table
// and test-results/node-matrix.json.
//
//   npm run runtimes:update                      move every pin, fetch, run the matrix, write the README table
//   npm run runtimes:update -- --only 22,24      move only these majors
//   npm run runtimes:update -- --pins-only       move the pins and stop (no fetch, no matrix)
//   npm run runtimes:update -- --add 26          pin a new major too
//
// It prints one line per major ("node 24: 24.21.0 → 24.22.3"); a failing matrix leaves the
// README table as it was and exits 1, with the new pins written (review, fix, or git checkout).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { versionsFile, pkgName, run, npm } from './fetch.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Compares x.y.z versions numerically. */
export function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** The newest x.y.z of `major` in a list of published versions (pre-releases ignored), or null. */
export function newestOfMajor(versions, major) {
  const ofMajor = versions.filter((v) => new RegExp(`^${major}\\.\\d+\\.\\d+$`).test(v));
  return ofMajor.sort(compareVersions).pop() || null;
}

async function newestOnRegistry(major) {
  const json = await run(npm, ['view', `${pkgName}@${major}`, 'version', '--json']);
  const parsed = JSON.parse(json);
  return newestOfMajor(Array.isArray(parsed) ? parsed : [parsed], major);
}

function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    child.on('close', (code) => resolve(code));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv.slice(2);
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i === -1 ? null : argv[i + 1];
  };
  const file = JSON.parse(readFileSync(versionsFile, 'utf8'));
  const pins = file.node;
  for (const m of (opt('--add') || '').split(',').filter(Boolean)) if (!pins[m]) pins[m] = null;
  const majors = opt('--only') ? opt('--only').split(',') : Object.keys(pins);
  let moved = 0;
  for (const major of majors) {
    const newest = await newestOnRegistry(major);
    if (!newest) throw new Error(`${pkgName}@${major}: no release on the registry`);
    const old = pins[major];
    if (old !== newest) moved++;
    console.log(`node ${major}: ${old || '(new)'} ${old === newest ? '(unchanged)' : '→ ' + newest}`);
    pins[major] = newest;
  }
  const sorted = {};
  for (const k of Object.keys(pins).sort((a, b) => a - b)) sorted[k] = pins[k];
  file.node = sorted;
  writeFileSync(versionsFile, JSON.stringify(file, null, 2) + '\n');
  console.log(`${versionsFile}: ${moved} pin(s) moved`);
  if (argv.includes('--pins-only')) process.exit(0);
  // A fresh process reads the new pins: fetch what changed, then the whole matrix and the README table.
  let code = await runNode([join(here, 'fetch.mjs')]);
  if (code === 0) code = await runNode([join(here, 'matrix.mjs'), '--write-readme']);
  process.exit(code);
}
