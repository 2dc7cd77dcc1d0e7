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
    notNamed: ['denoNoWebSocketInit'],
    // The engine's own constructor given a WebSocketInit ({ headers, protocols }): both reach the server.
    nativeInit: { opened: 'open', protocol: 'chat', xTest: 'deno-bun', protocolsOffered: 'chat' }
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
    notNamed: ['bunNoCloseCodeValidation', 'bunCloseWithoutCodeSends1000'],
    nativeInit: { opened: 'open', protocol: 'chat', xTest: 'deno-bun', protocolsOffered: 'chat' }
  }
};

// Older Deno releases (test/runtimes/deno-bun.json `denoOlder`), measured the same way.
// Deno 2.4.4, the last before 2.5 (denoland/deno#30321, WebSocketInit): natively the same result
// as 2.9.6 on every check; its constructor is (url, protocols?), so a WebSocketInit is read as
// the protocol "[object Object]" and refused. The shim never passes backend options there.
REAL['deno@2.4.4'] = {
  ...REAL.deno,
  unsupported: ['backendOptions'],
  notNamed: [],
  named: ['denoNoWebSocketInit'],
  nativeInit: { thrown: 'SyntaxError: Invalid protocol value' },
  // The third argument is not passed: the server sees no header, the protocol still goes.
  options: { opened: 'open', protocol: 'chat', xTest: null, protocolsOffered: 'chat' }
};

// Older Bun releases (test/runtimes/deno-bun.json `bunOlder`), measured the same way: each at a
// quirk boundary. `shim`: per mode, the checks the shim still fails there (what it
// cannot normalize, named in detect().unsupported), each with the result it gives.
// Bun 1.4.4, the first with oven-sh/bun#33457: natively the same result as 1.4.5 on every check.
// close() without a code sends an empty close frame, and a server that selects none of the offered
// protocols fails the connection (error, close 1006), so detect() names neither
// bunCloseWithoutCodeSends1000 nor bunProtocolMismatchClosesCleanly.
REAL['bun@1.4.4'] = { ...REAL.bun };
const BUN_1_4_EXTRA = {
  // Measured in 1.4.3 (not 1.4.5): behaviours fixed between the two.
  'ctor-http-https': "http: and https: URLs are not turned into ws: and wss: (`url` keeps the scheme)",
  'ctor-bad-port': 'a bad port (Fetch) is not refused with a SyntaxError: the connection is tried and fails',
  'close-while-connecting': 'close() while CONNECTING reports the close 1006 with a reason ("WebSocket is closed before the connection is established")',
  'ev-message-fields': 'MessageEvent.origin is the whole socket URL (path and query), not its origin',
  'ev-refused': 'a refused connection reports close 1006 with a reason ("Failed to connect")',
  'close-no-arguments': 'close() without a code sends 1000 (closeWithoutStatus)'
};
REAL['bun@1.4.3'] = {
  ...REAL.bun,
  gone: { 'close-reserved-codes': REAL.bun.gone['close-reserved-codes'], 'close-nan-null': REAL.bun.gone['close-nan-null'] },
  extra: {
    ...REAL.bun.extra,
    ...BUN_1_4_EXTRA,
    // The shim fails the connection (bunProtocolMismatchClosesCleanly).
    'ev-protocol-not-selected': 'a server that selects none of the offered protocols gets a clean close 1002 "Missing client protocol", without an error event'
  },
  cannotGone: [],
  unsupported: ['closeWithoutStatus'],
  notNamed: ['bunNoCloseCodeValidation'],
  named: ['bunCloseWithoutCodeSends1000', 'bunProtocolMismatchClosesCleanly'],
  // Checks the bare engine fails and the shim got wrong too until it normalized them: the
  // engine's result, and the bug.
  fixed: {
    'ev-protocol-not-selected': ['close; 1002 "Missing client protocol" clean; protocol \'\'', 'bug: Bun 1.4.0–1.4.3 closes with a clean 1002 "Missing client protocol" and no error event when no offered protocol is selected, and the shim passed that on; now the connection fails (error, close 1006)']
  },
  shim: {
    strict: {},
    // SPEC §4: close() never stays open; the peer sees 1000.
    standard: { 'close-no-arguments': 'sent 1000' }
  }
};
REAL['bun@1.3.14'] = {
  ...REAL.bun,
  gone: {},
  extra: {
    ...REAL.bun.extra,
    ...BUN_1_4_EXTRA,
    // Before oven-sh/bun#32820 (the profile has it too): any code goes on the wire.
    'close-reason-123-bytes': 'a reason longer than 3 bytes is not sent: close(1000, reason) puts 1000 alone on the wire',
    'close-reason-surrogate': 'the reason ("a\uFFFD", 4 bytes) is not sent',
    // The shim defers it (bunCloseEventInsideClose).
    'close-twice': 'close() fires the close event inside the call: readyState is CLOSED when it returns',
    // The shim reports a close with a status code clean (bunPeerCloseUnclean); 1000 stays 1000.
    'ev-close-no-status': 'a close frame without a status code arrives as 1000, and unclean',
    'ev-close-code-reason': "a peer's close frame arrives as an unclean close",
    // The shim fails the connection when the protocol is missing at open.
    'ev-protocol-not-selected': 'a server that selects none of the offered protocols: no event at all (the socket stays CONNECTING)'
  },
  cannotGone: [],
  unsupported: ['closeWithoutStatus', 'closeReason', 'closeStatusAbsent'],
  notNamed: [],
  named: ['bunNoCloseCodeValidation', 'bunCloseWithoutCodeSends1000', 'bunCloseEventInsideClose', 'bunPeerCloseUnclean', 'bunCloseReasonDropped'],
  fixed: {
    'close-twice': ['readyState 3; no exception; sent 3000 "one"; close 3000 "one" clean', 'bug: Bun 1.3 fires the close event inside close(), and the shim said CLOSED right after close(); now CLOSING, the close event in a later task'],
    'ev-close-code-reason': ['open,close; 4001 "bye" unclean', "bug: Bun 1.3 reports a peer's close frame as an unclean close, and the shim passed wasClean false on; now clean"]
  },
  shim: {
    // closeReason: close() closes (SPEC §4), the reason does not reach the peer.
    // closeStatusAbsent: Bun reports 1000; the shim cannot tell it from a real 1000.
    strict: { 'close-reason-123-bytes': 'sent 1000', 'ev-close-no-status': 'open,close; 1000 "" clean' },
    standard: {
      'close-reason-123-bytes': 'sent 1000',
      'close-reason-surrogate': 'sent 1000',
      'ev-close-no-status': 'open,close; 1000 "" clean',
      'close-no-arguments': 'sent 1000'
    }
  }
};

// For each quirk a family declares, the check whose bare-engine failure shows it.
export const QUIRK_EVIDENCE = {
  denoFailureCloseCode0: 'ev-refused',
  denoBufferedAmountZeroUnlessOpen: 'send-after-close',
  prototypeConstantsThrow: 'attr-constants',
  bunNoCloseCodeValidation: 'close-reserved-codes',
  bunCloseWithoutCodeSends1000: 'close-no-arguments',
  bunProtocolMismatchClosesCleanly: 'ev-protocol-not-selected',
  bunCloseEventInsideClose: 'close-twice',
  bunPeerCloseUnclean: 'ev-close-code-reason',
  bunCloseReasonDropped: 'close-reason-123-bytes',
  bunBinaryTypeNodebuffer: 'attr-binarytype'
};

/** The checks the bare engine fails, as the test asserts them: the profile's, less the gone ones, plus the extra ones. */
export function nativeFailures(name) {
  const real = REAL[name];
  const profile = PROFILES.find((p) => p.id === real.profile);
  const gone = Object.keys(real.gone);
  return [...profile.rawFails.filter((id) => gone.indexOf(id) === -1), ...Object.keys(real.extra)].sort();
}

/** The checks the shim still fails on this release in this mode (what it cannot normalize: detect().unsupported). */
export function shimFailures(name, mode) {
  return Object.keys((REAL[name].shim && REAL[name].shim[mode]) || {}).sort();
}

/** Checks the bare engine passes, out of all. */
export function nativePasses(name) {
  return CHECKS.length - nativeFailures(name).length;
}
