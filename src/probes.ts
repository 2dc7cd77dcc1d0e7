/**
 * Static probes naming the legacy engine family (SPEC §4, §6; QUIRKS.md); no connection is
 * opened. Feature signals first (global names, constants, prototype attributes, runtime
 * globals); the user agent only for frozen versions whose deviation has no static signal, and
 * only for the engine's own constructor ("[native code]"), never a script polyfill.
 */
import { getGlobal } from './global';

export interface EngineProbe {
  family: string;
  /** The behaviours found (detect() quirks), named after the engine behaviour. */
  found: string[];
}

/** The quirks each family reports (those that change what the shim does or can promise), with their QUIRKS.md rows. */
const FAMILY: { [family: string]: string } = {
  moz: 'prefixedMozWebSocket geckoSendsTextOnly', // §1 Gecko 6/7–10; §3 string only
  gecko6: 'geckoCloseWithoutArguments geckoSingleProtocolString geckoCloseEventWithoutCode', // §2 Gecko 4–7; §5a; §5b Firefox <8
  gecko8: 'geckoCloseArgcCountsUndefined', // §2 Gecko 8 →
  'gecko-11-17': 'geckoViewsSentAsText geckoBlobSendUnsupported', // §3 Gecko 11–17
  // §1, §2, §3, §5a, §5b WebKit hixie-76 (@0330f934, @3d4c02f5)
  'webkit-hixie76': 'webkitHixie76 webkitCloseWithoutArguments webkitSingleProtocolString webkitProtocolAttributeUndefined webkitCloseEventWasCleanOnly',
  'webkit-2012': 'webkitSurrogatesThrow webkitReasonValidatedOnlyWithCode webkitMessagesWhileClosing', // §2, §3 @00140795; §5b
  'webkit-safari': 'webkitBinaryTypeThrows webkitReasonValidatedOnlyWithCode', // §4 Safari 6–16.x; §2 @71eb6616
  presto: 'prestoReasonLengthInUtf16Units prestoMessagesWhileClosing prestoEarlyFailureWasClean', // §2, §4, §5a Presto 12
  trident: 'ieConnectionLimitSecurityError ieSendThrowsWhenClosed', // §5a, §3 IE10/11
  // §2 React Native (JS, iOS RN#28412); §5b extension, RN#35554
  'react-native': 'rnNoCloseValidation rnCloseWithoutCodeSends1000 rnExtensionMisspelt rnCustomCloseCodeReportedAs1001 rnCloseWhileConnectingOpensLater',
  deno: 'denoFailureCloseCode0 denoBufferedAmountZeroUnlessOpen', // §5b, §3 Deno
  bun: 'bunNoCloseCodeValidation bunCloseWithoutCodeSends1000 bunBinaryTypeNodebuffer' // §2, §4 Bun
};

function probe(family: string, key?: string, extra?: string): EngineProbe {
  return { family: family, found: ((extra ? extra + ' ' : '') + FAMILY[key || family]).split(' ') };
}

function read(obj: any, key: string): any {
  try {
    return obj ? obj[key] : undefined;
  } catch (e) {
    return undefined;
  }
}

/** The first number captured by `re` in `s`, or NaN. */
function num(re: RegExp, s: string): number {
  const m = re.exec(s);
  return m ? parseInt(m[1], 10) : NaN;
}

/** Which legacy family `Native` (found under the global `name`) belongs to; null for the rest. */
export function probeEngine(Native: any, name?: string): EngineProbe | null {
  const g = getGlobal();
  // Runtimes define globals of their own; Bun also defines process.versions.node.
  const proc = read(g, 'process');
  if (typeof read(g, 'Bun') === 'object' || (proc && proc.versions && typeof proc.versions.bun === 'string')) return probe('bun');
  const deno = read(g, 'Deno');
  if (deno && typeof deno === 'object' && deno.version) return probe('deno');
  const nav = read(g, 'navigator');
  if (read(nav, 'product') === 'ReactNative') return probe('react-native'); // RN's setUpNavigator
  const ua = String(read(nav, 'userAgent') || '');
  let native = false;
  try {
    native = Function.prototype.toString.call(Native).indexOf('[native code]') !== -1;
  } catch (e) {
    // not a function
  }
  if (name === 'MozWebSocket') {
    // Gecko 8 added `extensions` (QUIRKS §5b); without it, or with a Firefox 4–7 UA, the 6/7 API.
    // (A Gecko 8–10 taken for 6/7 would fail loudly on close codes, never silently.)
    let ext = false;
    try {
      ext = 'extensions' in Native.prototype;
    } catch (e) {
      // no prototype
    }
    const firefox = num(/Firefox\/(\d+)/, ua);
    return probe('gecko-moz', 'moz', FAMILY[!ext || firefox <= 7 ? 'gecko6' : 'gecko8']);
  }
  // The 2010 WebKit IDL: CLOSED = 2, no CLOSING (QUIRKS §5b).
  if (read(Native, 'CLOSED') === 2) return probe('webkit-hixie76', '', 'readyStateClosedIsTwo');
  if (!native) return null;
  const webkit = num(/AppleWebKit\/(\d+)/, ua);
  const chrome = num(/(?:Chrome|CriOS)\/(\d+)/, ua);
  if (webkit > 0) {
    // Chrome ≤ 13 and WebKit before 535 (Safari 5.x, iOS ≤ 5.1) speak hixie-76 (QUIRKS §1).
    if (chrome > 0 ? chrome <= 13 : webkit < 535) return probe('webkit-hixie76');
    // WebKit, not Blink, loses a Blob still being read when close() comes (backends.ts, measured).
    const blob = chrome > 0 ? '' : 'webkitBlobLostOnClose';
    // WebKit 535–536: Chrome 14–20, Safari 6.0.
    if (webkit < 537 || chrome <= 20) return probe('webkit-2012', '', blob);
    const safari = num(/Version\/(\d+)/, ua);
    if (blob && ua.indexOf('Android') === -1 && safari >= 6 && safari <= 16) return probe('webkit-safari', '', blob);
  }
  const firefox = num(/Gecko\/\d+.*Firefox\/(\d+)/, ua);
  if (firefox >= 11 && firefox <= 17) return probe('gecko-11-17');
  // Presto exposes window.opera (QUIRKS §1); 11–12.0 had hixie-76 disabled by default.
  const opera = read(g, 'opera');
  if (opera && typeof opera.version === 'function') return probe('presto');
  // IE8–11: document.documentMode.
  if (typeof read(read(g, 'document'), 'documentMode') === 'number') return probe('trident');
  return null;
}
