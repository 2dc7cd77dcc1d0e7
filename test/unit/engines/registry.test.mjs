// src/engines/ — one file per engine family (probe, quirks with sources, adaptations) and the
// registry that probes them in order (SPEC §6: a new engine is a new file and one registry line).
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from '../_helpers.mjs';

const { FAMILIES, probeEngine } = load('engines/registry');
const { hostSignals, isWebKitNotBlink } = load('engines/signals');
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const NON_FAMILY = ['family.ts', 'probe.ts', 'registry.ts', 'runtimes.ts', 'signals.ts', 'text-only.ts'];

/** Runs fn with navigator.userAgent (and other globals) set, then restores them. */
function withGlobals(globals, fn) {
  const saved = {};
  for (const k of Object.keys(globals)) {
    saved[k] = Object.getOwnPropertyDescriptor(globalThis, k);
    Object.defineProperty(globalThis, k, { value: globals[k], configurable: true, writable: true });
  }
  try {
    return fn();
  } finally {
    for (const k of Object.keys(globals)) {
      if (saved[k]) Object.defineProperty(globalThis, k, saved[k]);
      else delete globalThis[k];
    }
  }
}
const nativeCtor = Function.prototype; // its source text says [native code]
function Polyfill() {}

describe('engines/registry: one file per family, probed in order', function () {
  it('every family file under src/engines/ is in the registry, once, in probe order', function () {
    const files = readdirSync(join(root, 'src', 'engines')).filter((f) => f.endsWith('.ts') && !NON_FAMILY.includes(f));
    expect(FAMILIES.map((f) => f.name).sort()).to.deep.equal(files.map((f) => f.replace(/\.ts$/, '')).sort());
    expect(FAMILIES.map((f) => f.name)).to.deep.equal(['bun', 'deno', 'react-native', 'gecko-moz', 'webkit-hixie76', 'webkit-2012', 'webkit-safari', 'gecko-11-17', 'presto', 'trident']);
  });

  it('the modern entry probes the runtimes and Safari 14.1-16 only, the same family objects in the same order (issue 13)', function () {
    const modern = load('modern/engines/registry');
    expect(modern.FAMILIES.map((f) => f.name)).to.deep.equal(['bun', 'deno', 'react-native', 'webkit-safari']);
    for (const f of modern.FAMILIES) expect(FAMILIES, f.name).to.include(f);
    // Safari 15 (a modern engine) is found by both registries, with the same quirks.
    const Native = nativeCtor;
    withGlobals({ navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/15.6 Safari/605.1.15' } }, () => {
      const found = modern.probeEngine(Native, 'WebSocket');
      expect(found.family.name).to.equal('webkit-safari');
      expect(found).to.deep.equal(probeEngine(Native, 'WebSocket'));
    });
  });

  it('every family names its quirks and cites a source for them', function () {
    for (const f of FAMILIES) {
      expect(f.quirks, f.name).to.match(/^[a-z][A-Za-z0-9]+( [a-z][A-Za-z0-9]+)*$/);
      const text = readFileSync(join(root, 'src', 'engines', f.name + '.ts'), 'utf8');
      expect(text, f.name + ': a source (§, @commit, #issue, bug, RN#, BCD, measured)').to.match(/§|@[0-9a-f]{8}|#\d+|bug \d+|BCD|measured/);
    }
  });

  const UA = {
    'Safari 9': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_6) AppleWebKit/601.7.7 (KHTML, like Gecko) Version/9.1.2 Safari/601.7.7',
    'QtWebKit 5.212': 'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/602.1 (KHTML, like Gecko) Version/10.0 Safari/602.1',
    'Chrome 18': 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.19 (KHTML, like Gecko) Chrome/18.0.1025.162 Safari/535.19',
    'Chrome 10': 'Mozilla/5.0 (Windows NT 6.1) AppleWebKit/534.16 (KHTML, like Gecko) Chrome/10.0.648.204 Safari/534.16',
    'Firefox 15': 'Mozilla/5.0 (Windows NT 6.1; rv:15.0) Gecko/20100101 Firefox/15.0',
    'Chrome 120': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36'
  };
  const cases = [
    ['Safari 9', nativeCtor, 'webkit-safari', ['webkitBlobLostOnClose', 'webkitBinaryTypeThrows', 'webkitReasonValidatedOnlyWithCode']],
    ['QtWebKit 5.212', nativeCtor, 'webkit-safari', ['webkitBlobLostOnClose', 'webkitBinaryTypeThrows', 'webkitReasonValidatedOnlyWithCode']],
    ['Chrome 18', nativeCtor, 'webkit-2012', ['webkitSurrogatesThrow', 'webkitReasonValidatedOnlyWithCode', 'webkitMessagesWhileClosing']],
    ['Chrome 10', nativeCtor, 'webkit-hixie76', null],
    ['Firefox 15', nativeCtor, 'gecko-11-17', ['geckoViewsSentAsText', 'geckoBlobSendUnsupported']],
    ['Chrome 120', nativeCtor, null, null],
    // A script polyfill is never taken for the engine by its user agent.
    ['Safari 9', Polyfill, null, null]
  ];
  for (const [ua, ctor, family, found] of cases) {
    it(`${ua}${ctor === Polyfill ? ' (a script polyfill)' : ''}: ${family || 'no legacy family'}`, function () {
      const r = withGlobals({ navigator: { userAgent: UA[ua] } }, () => probeEngine(ctor, 'WebSocket'));
      expect(r ? r.family.name : null).to.equal(family);
      if (found) expect(r.found).to.deep.equal(found);
    });
  }

  it('runtimes first: Bun before any browser signal; the constructor before the user agent (MozWebSocket, CLOSED = 2)', function () {
    const bun = withGlobals({ Bun: { version: '1.4.5' }, navigator: { userAgent: UA['Safari 9'] } }, () => probeEngine(nativeCtor, 'WebSocket'));
    expect(bun.family.name).to.equal('bun');
    const moz = withGlobals({ navigator: { userAgent: 'Mozilla/5.0 (Windows NT 6.1; rv:8.0) Gecko/20100101 Firefox/8.0' } }, () => probeEngine(function MozWebSocket() {}, 'MozWebSocket'));
    expect([moz.family.name, moz.found[0]]).to.deep.equal(['gecko-moz', 'geckoCloseWithoutArguments']);
    const closedIsTwo = Object.assign(function WebSocket() {}, { CLOSED: 2 });
    const hixie = withGlobals({ navigator: { userAgent: UA['Chrome 120'] } }, () => probeEngine(closedIsTwo, 'WebSocket'));
    expect([hixie.family.name, hixie.found[0]]).to.deep.equal(['webkit-hixie76', 'readyStateClosedIsTwo']);
  });

  // Versions measured in the real runtimes (test/engines-real; Bun 1.3.14, 1.4.0–1.4.5, Deno 2.4.4, 2.5.0, 2.9.6).
  const found = (globals) => withGlobals(globals, () => probeEngine(nativeCtor, 'WebSocket')).found.sort();
  it('Bun: no close-code validation before 1.4.0, close() without a code sends 1000 before 1.4.4, 1.3.x close-event quirks, a clean close on protocol mismatch in 1.4.0–1.4.3, by Bun.version', function () {
    const at = (version) => found({ Bun: { version } });
    expect(at('1.1.20')).to.deep.equal(['bunBinaryTypeNodebuffer', 'bunCloseWithoutCodeSends1000', 'bunNoCloseCodeValidation']);
    const bun13 = ['bunBinaryTypeNodebuffer', 'bunCloseEventInsideClose', 'bunCloseReasonDropped', 'bunCloseWithoutCodeSends1000', 'bunNoCloseCodeValidation', 'bunPeerCloseUnclean'];
    expect(at('1.2.99')).to.deep.equal(['bunBinaryTypeNodebuffer', 'bunCloseWithoutCodeSends1000', 'bunNoCloseCodeValidation']);
    expect(at('1.3.0')).to.deep.equal(bun13);
    expect(at('1.3.14')).to.deep.equal(bun13);
    expect(at('1.4.0')).to.deep.equal(['bunBinaryTypeNodebuffer', 'bunCloseWithoutCodeSends1000', 'bunProtocolMismatchClosesCleanly']);
    expect(at('1.4.3')).to.deep.equal(['bunBinaryTypeNodebuffer', 'bunCloseWithoutCodeSends1000', 'bunProtocolMismatchClosesCleanly']);
    // bug: Bun 1.4.4 fails the connection on a protocol mismatch, yet detect() named bunProtocolMismatchClosesCleanly.
    expect(at('1.4.4')).to.deep.equal(['bunBinaryTypeNodebuffer']);
    expect(at('1.4.5')).to.deep.equal(['bunBinaryTypeNodebuffer']);
    expect(at('1.10.0')).to.deep.equal(['bunBinaryTypeNodebuffer']);
    // A version that cannot be parsed: the old behaviour is assumed (what the shim can least rely on).
    expect(at('canary')).to.deep.equal(['bunBinaryTypeNodebuffer', 'bunCloseWithoutCodeSends1000', 'bunNoCloseCodeValidation']);
    expect(found({ process: { versions: { node: '24.3.0', bun: '1.4.5' } } })).to.deep.equal(['bunBinaryTypeNodebuffer']);
  });

  // Named access on the Window object makes an element with id="Bun" the global `Bun` (and a
  // form id="Deno" with an input named "version" has a `version`): the runtimes are told by
  // their version strings, not by the name being there.
  it('bug: a page element with id="Bun" was taken for Bun (Bun adaptations on the browser\'s WebSocket); id="Deno" forms neither', function () {
    const div = { tagName: 'DIV', id: 'Bun', version: undefined };
    const form = { tagName: 'FORM', id: 'Deno', version: { tagName: 'INPUT', name: 'version', value: '' } };
    const chrome = { userAgent: UA['Chrome 120'], product: 'Gecko' };
    for (const globals of [{ Bun: div }, { Deno: form }, { Bun: div, Deno: form }]) {
      expect(withGlobals({ ...globals, navigator: chrome }, () => probeEngine(nativeCtor, 'WebSocket')), Object.keys(globals).join()).to.equal(null);
    }
    // Control: the runtimes themselves are still found.
    expect(withGlobals({ Bun: { version: '1.4.5' }, navigator: chrome }, () => probeEngine(nativeCtor, 'WebSocket')).family.name).to.equal('bun');
    expect(withGlobals({ Deno: { version: { deno: '2.9.6' } }, navigator: chrome }, () => probeEngine(nativeCtor, 'WebSocket')).family.name).to.equal('deno');
  });

  it('Deno: no WebSocketInit before 2.5, by Deno.version.deno', function () {
    const at = (deno) => found({ Deno: { version: { deno } } });
    const base = ['denoBufferedAmountZeroUnlessOpen', 'denoFailureCloseCode0'];
    expect(at('1.46.3')).to.deep.equal([...base, 'denoNoWebSocketInit']);
    expect(at('2.4.4')).to.deep.equal([...base, 'denoNoWebSocketInit']);
    expect(at('2.4.99')).to.deep.equal([...base, 'denoNoWebSocketInit']);
    expect(at('2.5.0')).to.deep.equal(base);
    expect(at('2.9.6')).to.deep.equal(base);
    expect(at('3.0.0')).to.deep.equal(base);
  });

  it('the WebKit sniff is written once: WebKit, not Blink, and only for the engine\'s own constructor', function () {
    const at = (ua, ctor) => withGlobals({ navigator: { userAgent: UA[ua] } }, () => isWebKitNotBlink(hostSignals(ctor)));
    expect([at('Safari 9', nativeCtor), at('QtWebKit 5.212', nativeCtor), at('Chrome 120', nativeCtor), at('Safari 9', Polyfill)]).to.deep.equal([true, true, false, false]);
  });
});
