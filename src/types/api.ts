/**
 * The public API's types: options, the detect() report and the names it prints. Every name
 * here is described in docs/detect.md; test/docs/detect-names.test.mjs keeps the two, and the
 * names in src/, equal. Type-only: nothing here reaches the bundles.
 */
import { WebSocketConstructor } from './websocket';

/** 'strict' (default): unpaired surrogates throw, close() sends 1000; 'standard': the current WHATWG text (docs/contract.md §3). */
export type Mode = 'strict' | 'standard';

/** What the wrapped engine cannot send, where no probe can see it (README "Binary data"). */
export interface EngineCapabilities {
  /** false: the shim reads each Blob and hands the engine its bytes, in call order. */
  sendBlob?: boolean;
  /** false: the shim hands the engine an ArrayBuffer of exactly a view's bytes. */
  sendViews?: boolean;
}

/** A WebSocket constructor to wrap: a browser's, a webview's, Node's, the `ws` class, a test double. */
export type NativeWebSocketConstructor = new (...args: any[]) => object;

export interface CreateOptions {
  mode?: Mode;
  /** Wrap this constructor instead of the host's. */
  native?: NativeWebSocketConstructor;
  /** What the engine cannot send, where no probe can see it. */
  capabilities?: EngineCapabilities;
}

export type InstallOptions = CreateOptions;

/** Which engine family the shim wraps (docs/detect.md "backend"). */
export type BackendName =
  | 'browser'
  | 'node-builtin'
  | 'ws'
  | 'none'
  | 'gecko-moz'
  | 'gecko-11-17'
  | 'webkit-hixie76'
  | 'webkit-2012'
  | 'webkit-safari'
  | 'presto'
  | 'trident'
  | 'react-native'
  | 'deno'
  | 'bun'
  | 'node-build-only'
  | 'runtime-build-only';

/** Which native constructor was found (docs/detect.md "native"). */
export type NativeName = 'WebSocket' | 'MozWebSocket' | 'ws' | 'custom' | 'none';

/** What the host has (docs/detect.md "features"). */
export interface DetectFeatures {
  constructibleEventTarget: boolean;
  nativeMessageEvent: boolean;
  nativeCloseEvent: boolean;
  constructibleDOMException: boolean;
  urlConstructor: boolean;
  blob: boolean;
  blobFromBytes: boolean;
  globalBlob: boolean;
  blobArrayBuffer: boolean;
  fileReader: boolean;
  promise: boolean;
  textEncoder: boolean;
  symbol: boolean;
  weakMap: boolean;
}

/** An engine behaviour the probes found (docs/detect.md "quirks"). */
export type QuirkName =
  | 'noConstructibleEventTarget'
  | 'noCloseEventConstructor'
  | 'noMessageEventConstructor'
  | 'noConstructibleDOMException'
  | 'noBlobArrayBuffer'
  | 'noGlobalBlob'
  | 'blobFromBytesUnsupported'
  | 'closedIsTwo'
  | 'noPrototypeConstants'
  | 'prototypeConstantsThrow'
  | 'upperCaseURLAttribute'
  | 'declaredCannotSendBlob'
  | 'declaredCannotSendViews'
  | 'undiciSendBlobLostOnClose'
  | 'undiciRefusedConnectionNoClose'
  | 'undiciCloseInConnectingSynchronous'
  | 'undiciClampRoundsWrong'
  | 'undiciReasonWithoutCodeNoBody'
  | 'undiciBufferedAmountNotGrowingAfterClose'
  | 'undiciBinaryTypeResets'
  | 'undiciHandlerMovesToEnd'
  | 'undiciEmptyMessageHeldUntilNextFrame'
  | 'undiciThrowsOnUnrequestedProtocol'
  | 'undiciKeepsSocketAfterFailedHandshake'
  | 'wsBinaryTypeNodebuffer'
  | 'wsTypeErrorForCloseCode'
  | 'wsRangeErrorForLongReason'
  | 'wsValidatesOnlyWhenOpen'
  | 'wsSendNullAsEmptyBinary'
  | 'wsNoBlobSendBefore8_18'
  | 'wsErrorEventKillsProcess'
  | 'ws7MessageTextAsString'
  | 'ws7NoProtocolValidation'
  | 'ws7HandlerAssignmentRemovesListeners'
  | 'ws7StuckAfterThrowingClose'
  | 'prefixedMozWebSocket'
  | 'geckoSendsTextOnly'
  | 'geckoCloseWithoutArguments'
  | 'geckoSingleProtocolString'
  | 'geckoCloseEventWithoutCode'
  | 'geckoCloseArgcCountsUndefined'
  | 'geckoViewsSentAsText'
  | 'geckoBlobSendUnsupported'
  | 'webkitHixie76'
  | 'readyStateClosedIsTwo'
  | 'webkitCloseWithoutArguments'
  | 'webkitSingleProtocolString'
  | 'webkitProtocolAttributeUndefined'
  | 'webkitCloseEventWasCleanOnly'
  | 'webkitSurrogatesThrow'
  | 'webkitReasonValidatedOnlyWithCode'
  | 'webkitMessagesWhileClosing'
  | 'webkitBinaryTypeThrows'
  | 'webkitBlobLostOnClose'
  | 'prestoReasonLengthInUtf16Units'
  | 'prestoMessagesWhileClosing'
  | 'prestoEarlyFailureWasClean'
  | 'ieConnectionLimitSecurityError'
  | 'ieSendThrowsWhenClosed'
  | 'rnNoCloseValidation'
  | 'rnCloseWithoutCodeSends1000'
  | 'rnExtensionMisspelt'
  | 'rnCustomCloseCodeReportedAs1001'
  | 'rnCloseWhileConnectingOpensLater'
  | 'denoFailureCloseCode0'
  | 'denoBufferedAmountZeroUnlessOpen'
  | 'denoNoWebSocketInit'
  | 'bunNoCloseCodeValidation'
  | 'bunCloseWithoutCodeSends1000'
  | 'bunProtocolMismatchClosesCleanly'
  | 'bunCloseEventInsideClose'
  | 'bunPeerCloseUnclean'
  | 'bunCloseReasonDropped'
  | 'bunBinaryTypeNodebuffer';

/** A behaviour the shim guarantees on this host (docs/detect.md "normalizations"). */
export type NormalizationName =
  | 'closeArgumentsValidatedFirst'
  | 'closeCodeClampRoundHalfEven'
  | 'closeReasonUtf8Bytes'
  | 'closeReasonWithoutCodeSends1000'
  | 'protocolDuplicatesCaseInsensitive'
  | 'badPortSecurityError'
  | 'badPortFailsConnection'
  | 'forbiddenHostCodePoints'
  | 'httpSchemesToWs'
  | 'sendViewBytesOnly'
  | 'sendAfterCloseCountsBytes'
  | 'binaryTypeEnumIgnoresInvalid'
  | 'binaryTypeAtDispatch'
  | 'inboundCloseCodes1005And1006'
  | 'errorBeforeCloseOnFailure'
  | 'messagesOnlyWhileOpen'
  | 'domExceptionsOnly'
  | 'blobReadBeforeSend'
  | 'unpairedSurrogatesRejected'
  | 'closeWithoutArgumentsSends1000'
  | 'unpairedSurrogatesReplaced'
  | 'ownEventTarget'
  | 'ownCloseEvent'
  | 'ownDOMException';

/** Something this host cannot do; the shim fails loudly there (docs/detect.md "unsupported"). */
export type UnsupportedName =
  | 'blobMessages'
  | 'blobFromBytes'
  | 'backendOptions'
  | 'noNativeWebSocket'
  | 'emptyMessagePrompt'
  | 'unrequestedProtocol'
  | 'binaryFrames'
  | 'closeCodeOnWire'
  | 'multipleProtocols'
  | 'closeEventCode'
  | 'closeWithoutStatus'
  | 'closeReason'
  | 'closeStatusAbsent'
  | 'customCloseCodes'
  | 'modernEntry'
  | 'nodeBuild'
  | 'runtimeBuild';

/** detect(): a plain report of the host; probes are static and run once. */
export interface DetectReport {
  /** The package version. */
  version: string;
  /** Whether install() ran (by any copy of the package on this global). */
  installed: boolean;
  /** The installed mode; null when nothing is installed. */
  mode: Mode | null;
  native: NativeName;
  backend: BackendName;
  features: DetectFeatures;
  quirks: QuirkName[];
  normalizations: NormalizationName[];
  /** Each entry is a name, or `name: explanation`. */
  unsupported: Array<UnsupportedName | `${UnsupportedName}: ${string}`>;
}

/**
 * Installs the patched WebSocket (and CloseEvent/MessageEvent where the host has none) on the
 * global object; idempotent. Returns the installed constructor, or null where there is no
 * engine to wrap (then nothing changes, so `typeof WebSocket` feature tests keep working).
 */
export declare function install(options?: InstallOptions): WebSocketConstructor | null;
/** Restores exactly what was there before install(); false when nothing was installed. */
export declare function uninstall(): boolean;
/** A plain report of the host: the native found, its quirks, the active normalizations. */
export declare function detect(): DetectReport;
/** A patched WebSocket class for another mode or a given native constructor. */
export declare function createWebSocketClass(options?: CreateOptions): WebSocketConstructor;
/** The package version. */
export declare const version: string;
/** @deprecated Use WebSocketConstructor. */
export type WebSocketClass = WebSocketConstructor;
