// Bundle size budget (bench/size-budget.json): gzip (zlib level 9) of the min UMD and the
// generic ESM must stay within budget. Bytes only, no timing: the same build always measures
// the same. Re-measure after an intended change: node test/dist/support/size.mjs --write
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { BUDGET_FILE, MEASURED_FILES, measure, budgetFor, overBudget } from './support/size.mjs';

const budget = JSON.parse(readFileSync(BUDGET_FILE, 'utf8'));

describe('bundle size budget', function () {
  const sizes = {};
  before(function () {
    for (const f of MEASURED_FILES) sizes[f] = measure(f);
    const rows = MEASURED_FILES.map(
      (f) => `      ${f}: ${sizes[f].raw} B raw, ${sizes[f].gzip} B gzip (budget ${budget.files[f] ? budget.files[f].budgetGzip : '?'} B, measured ${budget.files[f] ? budget.files[f].gzip : '?'} B on ${budget.measuredOn})`
    );
    console.log(rows.join('\n'));
  });

  it('the budget file covers exactly the measured files, with measured figures and a date', function () {
    expect(Object.keys(budget.files).sort()).to.deep.equal([...MEASURED_FILES].sort());
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
