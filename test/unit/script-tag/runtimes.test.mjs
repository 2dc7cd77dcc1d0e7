// src/script-tag/engines/runtimes.ts — the script-tag builds' stand-in for the runtime families
// (Bun, Deno, React Native): it must claim exactly the hosts those families claim, and make
// every connection there fail loudly with a NotSupportedError that says which build to use.
import { expect } from 'chai';
import fc from 'fast-check';
import { load } from '../_helpers.mjs';

const { RUNTIMES: SCRIPT_TAG } = load('script-tag/engines/runtimes');
const { RUNTIMES } = load('engines/runtimes');
const { legacyBackend } = load('transports/legacy');

const standIn = SCRIPT_TAG[0];
/** What the probes read (src/engines/signals.ts): the global object, as a host has it. */
const signals = (g) => ({ g, Native: function WebSocket() {}, name: 'WebSocket', ua: '', native: false, webkit: NaN, chrome: NaN, safari: NaN, firefox: NaN });
const claimedByFamilies = (g) => RUNTIMES.some((f) => f.probe(signals(g)) !== null);

describe('script-tag/engines/runtimes: Bun, Deno and React Native refused by the script-tag builds', function () {
  it('is one family, reporting no quirks, in place of the three runtime families', function () {
    expect(SCRIPT_TAG.map((f) => f.name)).to.deep.equal(['runtime-build-only']);
    expect(standIn.quirks).to.equal('');
    expect(RUNTIMES.map((f) => f.name)).to.deep.equal(['bun', 'deno', 'react-native']);
  });

  const HOSTS = {
    'Bun (the Bun global)': { Bun: { version: '1.4.5' }, process: { versions: { node: '24.3.0', bun: '1.4.5' } } },
    'Bun (process.versions.bun only)': { process: { versions: { node: '22.3.0', bun: '1.1.20' } } },
    'Deno 2': { Deno: { version: { deno: '2.9.6' } }, process: { versions: { node: '24.2.0' } } },
    'Deno 1': { Deno: { version: { deno: '1.46.3' } } },
    'React Native': { navigator: { product: 'ReactNative' } }
  };
  const NOT = {
    'a browser': { navigator: { product: 'Gecko', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' }, document: {} },
    'Node.js': { process: { versions: { node: '20.20.2' } } },
    'a page with an element id="Deno" (no version)': { Deno: {} },
    'a page with an element id="Bun"': { Bun: { tagName: 'DIV', id: 'Bun' } },
    'a page with a form id="Deno" holding an input named version': { Deno: { tagName: 'FORM', version: { tagName: 'INPUT', value: '' } } },
    'an engine with nothing': {}
  };
  for (const [name, g] of Object.entries(HOSTS)) {
    it(`claims ${name}, as the families do`, function () {
      expect(claimedByFamilies(g), 'control: a runtime family claims it').to.equal(true);
      expect(standIn.probe(signals(g))).to.equal('');
    });
  }
  for (const [name, g] of Object.entries(NOT)) {
    it(`leaves ${name} to the browser families, as the runtime families do`, function () {
      expect(claimedByFamilies(g)).to.equal(false);
      expect(standIn.probe(signals(g))).to.equal(null);
    });
  }

  it('property: claims a host exactly when a runtime family would (generated globals)', function () {
    const version = fc.constantFrom(undefined, '', '1.3.14', '2.9.6', 7, null);
    const host = fc.record(
      {
        Bun: fc.constantFrom(undefined, null, 'x', {}, { version: '1.4.5' }),
        Deno: fc.oneof(fc.constantFrom(undefined, null, 'Deno', {}), version.map((v) => ({ version: v === undefined ? undefined : { deno: v } }))),
        process: fc.oneof(fc.constant(undefined), fc.record({ versions: fc.record({ node: version, bun: version }, { requiredKeys: [] }) }, { requiredKeys: [] })),
        navigator: fc.oneof(fc.constant(undefined), fc.record({ product: fc.constantFrom('ReactNative', 'Gecko', undefined) }, { requiredKeys: [] }))
      },
      { requiredKeys: [] }
    );
    fc.assert(
      fc.property(host, (g) => (standIn.probe(signals(g)) !== null) === claimedByFamilies(g)),
      { numRuns: 2000 }
    );
  });

  it("its adaptation: detect()'s unsupported entry and the connection's NotSupportedError message, naming the npm package; the full registry keeps Deno's own family", function () {
    let made = 0;
    const Native = function WebSocket() {
      made++;
    };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'Deno');
    globalThis.Deno = { version: { deno: '2.9.6' } };
    try {
      const probe = load('engines/probe').probeFamilies(SCRIPT_TAG, Native, 'WebSocket');
      expect(probe.found).to.deep.equal([]);
      // The full build's registry has Deno's own family: the stand-in is only in the script-tag builds.
      expect(legacyBackend(Native, 'WebSocket').name).to.equal('deno');
    } finally {
      if (saved) Object.defineProperty(globalThis, 'Deno', saved);
      else delete globalThis.Deno;
    }
    // The adaptation the stand-in sets; the legacy transport throws it at connect (the real
    // script-tag builds are run in the runtime doubles by test/legacy/profiles.test.mjs).
    const setup = { opts: {}, a: {}, unsupported: [], has: () => false };
    standIn.adapt(setup);
    expect(setup.unsupported).to.deep.equal([
      "runtimeBuild: this script-tag build of websocket-shim is for browsers; in Bun, Deno and React Native import 'websocket-shim' (the npm package)"
    ]);
    expect(setup.a.refuse).to.equal("websocket-shim: this script-tag build of websocket-shim is for browsers; in Bun, Deno and React Native import 'websocket-shim' (the npm package).");
    expect(made).to.equal(0);
  });
});
