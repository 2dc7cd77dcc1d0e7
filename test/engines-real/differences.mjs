// How the pinned real Deno and Bun differ from their simulated profiles (test/legacy/profiles.mjs,
// which stand for older releases): asserted by test/engines-real/deno-bun.test.mjs, summed up in
// the README by test/legacy/readme-table.mjs. Observed on the pinned releases
// (test/runtimes/deno-bun.json); each entry states the engine behaviour behind a check's result.
import { CHECKS } from '../../conformance/checks.mjs';
import { PROFILES } from '../legacy/profiles.mjs';

// What the real runtime does that its profile does not say, per check id the bare engine fails
// (or passes) — observed on the pinned release, stated as the engine behaviour behind it.
export const REAL = {
  deno: {
    profile: 'deno',
    // Profile failures the real runtime no longer has.
    gone: {},
    // Failures the profile does not model (the shim handles each: every check passes through it).
    extra: {
      // The close frame's body is the reason alone, with no status code: the peer reads its first
      // two bytes as the code (`ws`: "invalid status code 25209" for 'bye') and fails with 1002.
      'close-reason-only': 'close(undefined, reason) sends the reason without a status code',
      // ext/websocket/01_websocket.js @02bc74db: `new MessageEvent("message", { data, origin: this[_url] })`.
      'ev-message-fields': 'MessageEvent.origin is the whole socket URL (path and query), not its origin',
      // No event within the check's 5 s: the handshake is accepted without the offered protocol.
      'ev-protocol-not-selected': 'a server that selects none of the offered protocols does not fail the connection'
    },
    // Quirks detect() names that the bare engine no longer shows (check that shows each: QUIRK_EVIDENCE).
    staleQuirks: [],
    // `cannot` entries of the profile that the real runtime can do after all.
    cannotGone: [],
    // detect().unsupported on the real runtime (the profile, Deno 1.46, has backendOptions:
    // Deno 2.5+ takes a WebSocketInit, denoland/deno#30321).
    unsupported: [],
    // Quirks of the profile that detect() rightly does not name on this release.
    notNamed: ['denoNoWebSocketInit']
  },
  bun: {
    profile: 'bun',
    gone: {
      'close-reserved-codes': 'close(1001) / close(5000) and other reserved codes throw InvalidAccessError',
      'close-nan-null': 'close(NaN) / close(null) throw InvalidAccessError',
      'send-after-close': 'bufferedAmount counts data sent after close()'
    },
    extra: {
      'ctor-bad-scheme': 'SyntaxError thrown as a plain Error named SyntaxError, not a DOMException',
      'ctor-fragment': 'SyntaxError not a DOMException',
      'ctor-unparsable': 'SyntaxError not a DOMException',
      'ctor-relative': 'SyntaxError not a DOMException',
      'ctor-forbidden-host': 'SyntaxError not a DOMException',
      'ctor-protocol-token': 'SyntaxError not a DOMException',
      'ctor-protocol-duplicate': 'SyntaxError not a DOMException',
      'close-code-before-reason': 'reason checked before the code: SyntaxError (not a DOMException) instead of InvalidAccessError',
      'close-validates-when-closed': 'SyntaxError not a DOMException',
      'err-domexception': 'SyntaxError not a DOMException',
      'close-1000.7': 'close(1000.7) rounds to 1001 and sends it: the rounded code is not validated',
      'send-buffered-in-task': 'bufferedAmount does not include a message right after send()',
      'ev-tcp-drop': 'no error event before close 1006 when the TCP connection drops',
      'ev-binary-blob': "binary messages arrive as Buffers (binaryType 'nodebuffer' by default)"
    },
    // Named by detect() on every Bun until the fix that reads Bun.version (src/engines/bun.ts).
    staleQuirks: [],
    cannotGone: ['close-no-arguments'],
    // The profile (Bun 1.1) has closeWithoutStatus; Bun 1.4.4+ sends a close frame without a body.
    unsupported: [],
    notNamed: ['bunNoCloseCodeValidation', 'bunCloseWithoutCodeSends1000']
  }
};

// For each quirk a family declares, the check whose bare-engine failure shows it.
export const QUIRK_EVIDENCE = {
  denoFailureCloseCode0: 'ev-refused',
  denoBufferedAmountZeroUnlessOpen: 'send-after-close',
  prototypeConstantsThrow: 'attr-constants',
  bunNoCloseCodeValidation: 'close-reserved-codes',
  bunCloseWithoutCodeSends1000: 'close-no-arguments',
  bunBinaryTypeNodebuffer: 'attr-binarytype'
};

/** The checks the bare engine fails, as the test asserts them: the profile's, less the gone ones, plus the extra ones. */
export function nativeFailures(name) {
  const real = REAL[name];
  const profile = PROFILES.find((p) => p.id === real.profile);
  const gone = Object.keys(real.gone);
  return [...profile.rawFails.filter((id) => gone.indexOf(id) === -1), ...Object.keys(real.extra)].sort();
}

/** Checks the bare engine passes, out of all. */
export function nativePasses(name) {
  return CHECKS.length - nativeFailures(name).length;
}
