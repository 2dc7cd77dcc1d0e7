// Bundle size budget (bench/size-budget.json): gzip (zlib level 9) of the min UMDs (full and
// modern), the generic ESM builds (full and modern) and what esbuild keeps of the package for
// one named import (tree-shaking, issue 13) must stay within budget; an import of `version`
// alone must drop everything else. Bytes only, no timing: the same build always measures the
// same. Re-measure after an intended change: node test/dist/support/size.mjs --write
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { BUDGET_FILE, MEASURED_FILES, measure, budgetFor, overBudget } from './support/size.mjs';
import { BUNDLES, measureBundles } from './support/tree-shake.mjs';

// Issue 13's targets, printed next to the figures (not enforced: see bench/size-budget.json and
// the README for what stands between these and the measured sizes).
const TARGETS = { 'dist/websocket-shim.umd.min.js': 9 * 1024, 'dist/websocket-shim.modern.umd.min.js': 5 * 1024 };

const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8'));

describe('bundle size budget', function () {
  this.timeout(60000);
  const sizes = {};
  let bundles = {};
  before(async function () {
    for (const f of MEASURED_FILES) sizes[f] = measure(f);
    bundles = await measureBundles();
    const row = (name, size, b) =>
      `      ${name}: ${size.raw} B raw, ${size.gzip} B gzip (budget ${b ? b.budgetGzip : '?'} B, measured ${b ? b.gzip : '?'} B on ${budget.measuredOn})` +
      (TARGETS[name] ? `; issue 13 target ${TARGETS[name]} B` : '');
    const rows = MEASURED_FILES.map((f) => row(f, sizes[f], budget.files[f]));
    for (const label of Object.keys(BUNDLES)) rows.push(row(label, bundles[label], (budget.bundles || {})[label]));
    console.log(rows.join('\n'));
  });

  it('the budget file covers exactly the measured files and bundles, with measured figures and a date', function () {
    expect(Object.keys(budget.files).sort()).to.deep.equal([...MEASURED_FILES].sort());
    expect(Object.keys(budget.bundles).sort()).to.deep.equal(Object.keys(BUNDLES).sort());
    for (const b of Object.values(budget.bundles)) expect(b.budgetGzip).to.equal(budgetFor(b.gzip));
    expect(budget.measuredOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
    for (const f of MEASURED_FILES) {
      const b = budget.files[f];
      expect(b.raw, f).to.be.a('number').above(b.gzip);
      // The budget is the measured size plus ~10%, as documented in the file.
      expect(b.budgetGzip, f).to.equal(budgetFor(b.gzip));
    }
  });

  for (const f of MEASURED_FILES) {
    it(`${f} fits its gzip budget`, function () {
      const lines = overBudget({ [f]: sizes[f] }, budget);
      expect(lines, lines.join('\n')).to.deep.equal([]);
    });
  }

  for (const label of Object.keys(BUNDLES)) {
    it(`${label}: fits its gzip budget`, function () {
      const lines = overBudget({ [label]: bundles[label] }, { files: budget.bundles });
      expect(lines, lines.join('\n')).to.deep.equal([]);
    });
  }

  it('tree-shaking: import { version } keeps only the version (unused exports drop), import { WebSocket } keeps the class', function () {
    const version = bundles['esbuild: import { version } from websocket-shim'];
    const ws = bundles['esbuild: import { WebSocket } from websocket-shim'];
    expect(version.raw, 'the version string and the assignment').to.be.below(100);
    expect(ws.gzip).to.be.above(100 * version.gzip);
  });

  it('the modern entry is smaller than the full build, as a script tag and in a bundle', function () {
    expect(sizes['dist/websocket-shim.modern.umd.min.js'].gzip).to.be.below(sizes['dist/websocket-shim.umd.min.js'].gzip);
    expect(bundles['esbuild: import { WebSocket } from websocket-shim/modern'].gzip).to.be.below(bundles['esbuild: import { WebSocket } from websocket-shim'].gzip);
  });

  it('control: the check fails a file one byte over budget and names the figures', function () {
    const f = MEASURED_FILES[0];
    const tight = { files: { [f]: { budgetGzip: sizes[f].gzip - 1 } } };
    expect(overBudget({ [f]: sizes[f] }, tight)).to.deep.equal([`${f}: ${sizes[f].gzip} B gzip > budget ${sizes[f].gzip - 1} B (+1 B)`]);
    expect(overBudget({ [f]: sizes[f] }, { files: { [f]: { budgetGzip: sizes[f].gzip } } })).to.deep.equal([]);
    expect(overBudget({ [f]: sizes[f] }, { files: {} })).to.deep.equal([`${f}: no budget`]);
  });

  it('gzip level 9 is deterministic: measuring twice gives the same bytes', function () {
    for (const f of MEASURED_FILES) expect(measure(f)).to.deep.equal(sizes[f]);
  });
});
