// src/modes.ts — SPEC §3: 'strict' (default) and 'standard'.
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { toMode } = load('modes');

describe('modes: toMode', function () {
  it("absent (undefined) → 'strict' (the default)", function () {
    expect(toMode(undefined)).to.equal('strict');
  });
  it("null → 'strict'", function () {
    expect(toMode(null)).to.equal('strict');
  });
  it("'strict' → 'strict', 'standard' → 'standard'", function () {
    expect(toMode('strict')).to.equal('strict');
    expect(toMode('standard')).to.equal('standard');
  });
  it('anything else → TypeError (no silent fallback to a mode the user did not ask for)', function () {
    for (const v of ['STRICT', 'Standard', 'loose', '', ' strict', 1, true, {}]) {
      expect(() => toMode(v), String(v)).to.throw(TypeError);
    }
  });
  it('the message names both modes', function () {
    try {
      toMode('loose');
    } catch (e) {
      expect(e.message).to.include('strict').and.to.include('standard');
    }
  });
});
