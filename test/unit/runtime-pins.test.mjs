// test/runtimes/versions.json — the Node matrix runs exact, pinned releases (issue 9: a new
// registry release must not change what `npm test` tests), and the README's Node table shows
// what the pins say. test/runtimes/update-pins.mjs moves them: its version choice is checked here.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { PINS, MAJORS } from '../runtimes/fetch.mjs';
import { newestOfMajor, compareVersions } from '../runtimes/update-pins.mjs';

describe('pinned Node.js runtimes (test/runtimes/versions.json)', function () {
  it('pins an exact release for every supported major, 10 to 24', function () {
    expect(MAJORS).to.deep.equal([10, 12, 14, 16, 18, 20, 21, 22, 24]);
    for (const m of MAJORS) expect(PINS[m], `node ${m}`).to.match(new RegExp(`^${m}\\.\\d+\\.\\d+$`));
  });

  it("the README's Node table tests exactly the pinned releases", function () {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const block = readme.slice(readme.indexOf('<!-- node-matrix:start -->'), readme.indexOf('<!-- node-matrix:end -->'));
    const rows = block.split('\n').filter((l) => /^\| \d+ \| /.test(l));
    expect(rows.length).to.be.greaterThan(0);
    const tested = {};
    for (const row of rows) {
      const [major, version] = row.split('|').slice(1, 3).map((c) => c.trim());
      tested[major] = tested[major] || new Set();
      tested[major].add(version);
    }
    for (const m of MAJORS) expect([...(tested[m] || [])], `node ${m} in the README`).to.deep.equal([PINS[m]]);
  });

  it('update-pins picks the newest release of the major, numerically, ignoring pre-releases and other majors', function () {
    const published = ['24.9.0', '24.22.3', '24.10.1', '25.0.0', '24.23.0-rc.1', '2.4.0', '124.0.0', '24.22.2'];
    expect(newestOfMajor(published, 24)).to.equal('24.22.3');
    expect(newestOfMajor(published, 26)).to.equal(null);
    expect(compareVersions('24.9.0', '24.10.0')).to.be.below(0);
    expect(compareVersions('10.24.1', '10.24.1')).to.equal(0);
  });
});
