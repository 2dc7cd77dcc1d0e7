/**
 * What the probes read from the host, read once per probe run: runtime globals, the engine's
 * constructor, and the user agent, parsed here once for every family (the WebKit sniff
 * included). The user agent is used only for frozen versions whose deviation has no static
 * signal, and only for the engine's own constructor ("[native code]"), never a polyfill.
 */
import { getGlobal } from '../global';

export interface HostSignals {
  g: any;
  Native: any;
  /** The global name the constructor was found under ('WebSocket', 'MozWebSocket'). */
  name: string | undefined;
  ua: string;
  /** The constructor is the engine's own ("[native code]"). */
  native: boolean;
  /** AppleWebKit/N, Chrome|CriOS/N, Version/N, Firefox/N (NaN when absent). */
  webkit: number;
  chrome: number;
  safari: number;
  firefox: number;
}

/** obj[key], or undefined where reading throws (brand-checked getters, detached objects). */
export function read(obj: any, key: string): any {
  try {
    return obj ? obj[key] : undefined;
  } catch (e) {
    return undefined;
  }
}

/** A runtime's "x.y.z" version as one comparable number (1.4.4 → 10404), or NaN. */
export function versionNumber(v: any): number {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(String(v));
  return m ? +m[1] * 1e4 + +m[2] * 100 + +m[3] : NaN;
}

/** The first number captured by `re` in `s`, or NaN. */
function num(re: RegExp, s: string): number {
  const m = re.exec(s);
  return m ? parseInt(m[1], 10) : NaN;
}

export function hostSignals(Native: any, name?: string): HostSignals {
  const g = getGlobal();
  const ua = String(read(read(g, 'navigator'), 'userAgent') || '');
  let native = false;
  try {
    native = Function.prototype.toString.call(Native).indexOf('[native code]') !== -1;
  } catch (e) {
    // not a function
  }
  return {
    g: g,
    Native: Native,
    name: name,
    ua: ua,
    native: native,
    webkit: num(/AppleWebKit\/(\d+)/, ua),
    chrome: num(/(?:Chrome|CriOS)\/(\d+)/, ua), // Chromium's UA says Chrome/ too
    safari: num(/Version\/(\d+)/, ua),
    firefox: num(/Firefox\/(\d+)/, ua)
  };
}

/**
 * WebKit, not Blink: the engine's own constructor and an AppleWebKit user agent without Blink's
 * "Chrome/" token. WebKit loses a Blob still being read when close() comes (measured on
 * WebKitGTK 2.50, test/browsers): Safari, every iOS browser, WebKitGTK, WPE, QtWebKit.
 */
export function isWebKitNotBlink(s: HostSignals): boolean {
  return s.native && s.webkit > 0 && !(s.chrome > 0);
}

// The runtimes' own globals, read as strings: a page's element with id="Bun" or id="Deno" is a
// global of that name too (named access on the Window object), and is no runtime.

/** Bun's version (`Bun.version`, else `process.versions.bun`), or null outside Bun. */
export function bunVersion(g: any): string | null {
  const v = read(read(g, 'Bun'), 'version');
  if (typeof v === 'string') return v;
  const p = read(read(read(g, 'process'), 'versions'), 'bun');
  return typeof p === 'string' ? p : null;
}

/** Deno's version (`Deno.version.deno`), or null outside Deno. */
export function denoVersion(g: any): string | null {
  const v = read(read(read(g, 'Deno'), 'version'), 'deno');
  return typeof v === 'string' ? v : null;
}

/** React Native (its setUpNavigator sets navigator.product). */
export function isReactNative(g: any): boolean {
  return read(read(g, 'navigator'), 'product') === 'ReactNative';
}
