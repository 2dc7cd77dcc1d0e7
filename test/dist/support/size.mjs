// Bundle size figures for test/dist/size.test.mjs and bench/size-budget.json: raw bytes and
// gzip at zlib level 9 (deterministic: same bytes in, same size out). Run directly with
// --write to re-measure and write a new budget (measured + 10%, rounded up to 100 bytes).
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './sandbox.mjs';
import { measureBundles } from './tree-shake.mjs';

export const BUDGET_FILE = join(root, 'bench', 'size-budget.json');
export const MEASURED_FILES = ['dist/websocket-shim.umd.min.js', 'dist/websocket-shim.mjs', 'dist/websocket-shim.modern.umd.min.js', 'dist/modern.mjs'];
export const HEADROOM = 0.1;

export function measure(file) {
  const bytes = readFileSync(join(root, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length };
}

/** Measured size plus HEADROOM, rounded up to the next 100 bytes. */
export function budgetFor(gzip) {
  return Math.ceil((gzip * (1 + HEADROOM)) / 100) * 100;
}

/** The files over budget, as lines that name the figures; empty when all fit. */
export function overBudget(sizes, budget) {
  const lines = [];
  for (const [file, size] of Object.entries(sizes)) {
    const limit = budget.files[file] && budget.files[file].budgetGzip;
    if (typeof limit !== 'number') lines.push(`${file}: no budget`);
    else if (size.gzip > limit) lines.push(`${file}: ${size.gzip} B gzip > budget ${limit} B (+${size.gzip - limit} B)`);
  }
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = {};
  for (const f of MEASURED_FILES) {
    const m = measure(f);
    files[f] = { raw: m.raw, gzip: m.gzip, budgetGzip: budgetFor(m.gzip) };
  }
  const bundles = {};
  for (const [label, m] of Object.entries(await measureBundles())) bundles[label] = { raw: m.raw, gzip: m.gzip, budgetGzip: budgetFor(m.gzip) };
  const budget = {
    description:
      'Bundle size budget checked by test/dist/size.test.mjs. Sizes in bytes; gzip = zlib level 9. ' +
      'budgetGzip = measured gzip + 10%, rounded up to 100 B. Re-measure: npm run build && node test/dist/support/size.mjs --write. ' +
      'bundles: what esbuild --bundle --minify keeps of the package for one named import (test/dist/support/tree-shake.mjs).',
    measuredOn: new Date().toISOString().slice(0, 10),
    node: process.version,
    files,
    bundles
  };
  const text = JSON.stringify(budget, null, 2) + '\n';
  if (process.argv.includes('--write')) writeFileSync(BUDGET_FILE, text);
  process.stdout.write(text);
}
