// The README's legacy compatibility table is the one generated from the profiles.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { README, START, END, renderTable, updatedReadme } from './readme-table.mjs';
import { PROFILES } from './profiles.mjs';

describe('README: the legacy-engine compatibility table', function () {
  it(`has the ${START} … ${END} block, as generated (node test/legacy/readme-table.mjs --write)`, function () {
    const text = readFileSync(README, 'utf8');
    expect(updatedReadme(text), 'markers present').to.not.equal(null);
    const block = text.slice(text.indexOf(START), text.indexOf(END) + END.length);
    expect(block).to.equal(renderTable());
  });

  it('lists every profile with what the shim normalizes and what it cannot', function () {
    const table = renderTable();
    for (const p of PROFILES) {
      expect(table, p.id).to.contain(`| \`${p.id}\` |`);
      expect(p.normalizes, p.id).to.be.a('string').and.not.equal('');
      expect(p.limits, p.id).to.be.a('string').and.not.equal('');
      // A profile with declared impossibilities says so in the table.
      if (p.cannot.length) expect(p.limits, p.id).to.not.equal('—');
      else expect(p.limits, p.id).to.equal('—');
    }
  });
});
