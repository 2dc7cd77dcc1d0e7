/**
 * One engine family (SPEC §6: "a new engine is a new transport"): its probe, the quirks it
 * reports (named after the engine behaviour, each with its source in the family's file), and
 * how the native transport is adapted to it. The families are listed in probe order in
 * registry.ts; adding an engine is a new file here and one line there.
 */
import { NativeBackendOptions } from '../transports/native';
import { HostSignals } from './signals';

/** What the family's adapter changes on the native transport (src/transports/legacy.ts applies it). */
export interface Adaptations {
  /** One protocol string only (Gecko 6/7, hixie-76). */
  one?: boolean;
  /** close() takes no arguments (Gecko 6/7, hixie-76). */
  noCloseArgs?: boolean;
  /** hixie-76 has no `protocol`; the server must echo the one offered. */
  inferProtocol?: boolean;
  /** Views sent as text (Gecko 11–17): hand over an ArrayBuffer of their bytes. */
  viewsAsBuffer?: boolean;
  /** Close code 1006 is abnormal even with wasClean true (Presto's early failure). */
  unclean1006?: boolean;
  /** A close before open fails the connection: error, close 1006 (Bun 1.4.0–1.4.3's clean 1002). */
  failCloseBeforeOpen?: boolean;
  /** A close with a status code from the peer's frame is clean (Bun 1.3 reports it unclean). */
  peerCloseClean?: boolean;
  /** A close event the engine fires inside close() is delivered in a later task (Bun 1.3). */
  deferCloseInClose?: boolean;
  /**
   * A SecurityError from the engine's constructor fails the connection instead (error, close
   * 1006): IE's connection cap; WebKit's Content-Security-Policy connect-src check (WebKit 2012,
   * Safari 6–10, QtWebKit 5.212, measured in test/browsers), which the Standard makes a network
   * error. Bad ports never reach the engine (src/url.ts), so this is no bad-port error.
   */
  capFails?: boolean;
  /** false: the engine has no binary frames; binary send() throws NotSupportedError. */
  sendsBinary?: boolean;
  /** Every connection throws this NotSupportedError (a build without the host's family: src/script-tag/). */
  refuse?: string;
}

/** detect().unsupported of the engines whose close() without a code sends 1000 (RN, Bun). */
export const CLOSE_WITHOUT_STATUS = 'closeWithoutStatus: close() without a code sends 1000';

/** detect().unsupported of engines that drop a close() reason longer than 3 bytes (Bun 1.3). */
export const CLOSE_REASON = 'closeReason: close() sends no reason longer than 3 bytes';
/** detect().unsupported of engines that report a close frame without a status code as 1000 (Bun 1.3). */
export const CLOSE_STATUS_ABSENT = 'closeStatusAbsent: a close frame without a status code arrives as 1000, not 1005';

/** What a family's adapt() fills in. */
export interface FamilySetup {
  opts: NativeBackendOptions;
  a: Adaptations;
  /** detect().unsupported entries: what the engine cannot do at all. */
  unsupported: string[];
  /** Whether the probe found quirk `q`. */
  has(q: string): boolean;
}

export interface EngineFamily {
  /** detect().backend. */
  name: string;
  /** The quirks this family reports when its probe matches (detect().quirks), space-separated. */
  quirks: string;
  /**
   * null when the host is not this family; else the extra quirks found, space-separated ('' for
   * none). Called in registry order; the first match wins.
   */
  probe(s: HostSignals): string | null;
  /** The family's adaptations of the native transport. */
  adapt?(setup: FamilySetup): void;
}
