// src/version.ts — the exported version equals package.json's.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { load } from './_helpers.mjs';

const { version } = load('version');

describe('version', function () {
  it("equals package.json's version", function () {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(version).to.be.a('string');
    expect(version).to.equal(pkg.version);
  });
  it('is a semver version', function () {
    expect(version).to.match(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });
});
