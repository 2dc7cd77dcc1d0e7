/**
 * detect(): a plain report of the host (SPEC §1, §6): which native constructor was found,
 * which engine quirks were detected (each probe named after the behaviour it finds) and
 * which normalizations are active. Probes are static (no connection is opened) and run
 * once; the per-backend lists name the quirks measured on that engine (QUIRKS.md).
 */
import { getGlobal } from './global';
import { nativeDOMException } from './errors';
import { getTargetKind } from './event-target';
import { getEventClasses, isShimEventClass } from './events';
import { hostNative, backendFor, fallbackBackend, MARKER } from './backends';
import { blobConstructor, blobTakesBytes } from './blob';
import { applyCapabilities } from './capabilities';
import { Backend } from './transports/types';
import { version } from './version';
import { entryUnsupported } from './entry-support';

export interface DetectReport {
  version: string;
  installed: boolean;
  mode: string | null;
  native: string;
  backend: string;
  features: { [name: string]: boolean };
  quirks: string[];
  normalizations: string[];
  unsupported: string[];
}

let staticProbes: { features: { [name: string]: boolean }; quirks: string[] } | null = null;

function probeStatic() {
  if (staticProbes) return staticProbes;
  const g = getGlobal();
  const nativeTarget = getTargetKind().native;
  const events = getEventClasses(nativeTarget);
  const B = blobConstructor();
  const features: { [name: string]: boolean } = {
    constructibleEventTarget: nativeTarget,
    // Not `=== g.CloseEvent`: after install() (ours or another copy's) the global may be the
    // package's own class; the answer must not depend on when detect() is first called.
    nativeMessageEvent: nativeTarget && !isShimEventClass(events.MessageEvent),
    nativeCloseEvent: nativeTarget && !isShimEventClass(events.CloseEvent),
    constructibleDOMException: nativeDOMException() !== null,
    urlConstructor: typeof g.URL === 'function',
    blob: typeof B === 'function',
    blobFromBytes: typeof B === 'function' && blobTakesBytes(),
    globalBlob: typeof g.Blob === 'function',
    blobArrayBuffer: typeof B === 'function' && typeof B.prototype.arrayBuffer === 'function',
    fileReader: typeof g.FileReader === 'function',
    promise: typeof g.Promise === 'function',
    textEncoder: typeof g.TextEncoder === 'function',
    symbol: typeof g.Symbol === 'function',
    weakMap: typeof g.WeakMap === 'function'
  };
  const quirks: string[] = [];
  if (!features.constructibleEventTarget) quirks.push('noConstructibleEventTarget');
  if (!features.nativeCloseEvent) quirks.push('noCloseEventConstructor');
  if (!features.nativeMessageEvent) quirks.push('noMessageEventConstructor');
  if (!features.constructibleDOMException) quirks.push('noConstructibleDOMException');
  if (features.blob && !features.blobArrayBuffer) quirks.push('noBlobArrayBuffer');
  if (!features.globalBlob) quirks.push('noGlobalBlob');
  if (features.blob && !features.blobFromBytes) quirks.push('blobFromBytesUnsupported'); // React Native's BlobManager
  staticProbes = { features: features, quirks: quirks };
  return staticProbes;
}

function probeNative(ctor: any, quirks: string[]): void {
  const p = ctor && ctor.prototype;
  if (!p) return;
  try {
    if (ctor.CLOSED === 2) quirks.push('closedIsTwo');
    if (p.OPEN !== 1) quirks.push('noPrototypeConstants');
  } catch (e) {
    quirks.push('prototypeConstantsThrow'); // Deno: brand-checked getters
  }
  if ('URL' in p && !('url' in p)) quirks.push('upperCaseURLAttribute');
}

/**
 * The backend probes (the engine family, the native's prototype; in Node the `ws` package),
 * run once per native constructor: detect() is called often, its probes run once (SPEC §6).
 */
let probed: { ctor: any; backend: Backend | null; quirks: string[] } | null = null;

function probeBackend(host: { name: string; ctor: any } | null): { backend: Backend | null; quirks: string[] } {
  const ctor = host ? host.ctor : null;
  if (probed && probed.ctor === ctor) return probed;
  const backend = host ? backendFor(host.ctor, host.name) : fallbackBackend();
  const quirks: string[] = [];
  if (host && backend && backend.name !== 'ws' && backend.name !== 'node-builtin') probeNative(host.ctor, quirks);
  probed = { ctor: ctor, backend: backend, quirks: quirks };
  return probed;
}

export function detect(): DetectReport {
  const g = getGlobal();
  const marker = g[MARKER] || null;
  const s = probeStatic();
  const host = hostNative();
  const quirks = s.quirks.slice();
  let backendName = 'none';
  let canSendBlob = true;
  const p = probeBackend(host);
  const b0 = p.backend;
  // What install() was told the engine cannot send (README "Binary data").
  const b = b0 && marker && marker.capabilities ? applyCapabilities(b0, marker.capabilities) : b0;
  if (b) {
    backendName = b.name;
    canSendBlob = b.canSendBlob;
    quirks.push.apply(quirks, b.quirks);
    quirks.push.apply(quirks, p.quirks);
  }
  const mode = marker ? marker.mode : null;
  const normalizations = [
    'closeArgumentsValidatedFirst',
    'closeCodeClampRoundHalfEven',
    'closeReasonUtf8Bytes',
    'closeReasonWithoutCodeSends1000',
    'protocolDuplicatesCaseInsensitive',
    mode === 'standard' ? 'badPortFailsConnection' : 'badPortSecurityError',
    'forbiddenHostCodePoints',
    'httpSchemesToWs',
    'sendViewBytesOnly',
    'sendAfterCloseCountsBytes',
    'binaryTypeEnumIgnoresInvalid',
    'binaryTypeAtDispatch',
    'inboundCloseCodes1005And1006',
    'errorBeforeCloseOnFailure',
    'messagesOnlyWhileOpen',
    'domExceptionsOnly'
  ];
  if (!canSendBlob) normalizations.push('blobReadBeforeSend');
  if (mode !== 'standard') normalizations.push('unpairedSurrogatesRejected', 'closeWithoutArgumentsSends1000');
  else normalizations.push('unpairedSurrogatesReplaced');
  if (b && b.closeTakesArguments === false) {
    // The engine's close() takes no arguments: no code goes on the wire (`unsupported` says so).
    for (let i = normalizations.length - 1; i >= 0; i--) {
      if (normalizations[i].indexOf('Sends1000') !== -1) normalizations.splice(i, 1);
    }
  }
  if (!s.features.constructibleEventTarget) normalizations.push('ownEventTarget');
  if (!s.features.nativeCloseEvent) normalizations.push('ownCloseEvent');
  if (!s.features.constructibleDOMException) normalizations.push('ownDOMException');
  const unsupported: string[] = [];
  if (!s.features.blob) unsupported.push('blobMessages: no Blob class; binary messages arrive as ArrayBuffer');
  else if (!s.features.blobFromBytes) {
    // React Native: its BlobModule makes Blobs (the engine's binaryType follows the socket's);
    // a binary message it did not make into one is delivered as an ArrayBuffer, never dropped.
    unsupported.push('blobFromBytes: the Blob class takes no bytes; a binary message the engine did not make into a Blob arrives as ArrayBuffer');
  }
  if (!b) unsupported.push('noNativeWebSocket');
  else if (b.unsupported) unsupported.push.apply(unsupported, b.unsupported);
  // The modern entry on an engine it refuses: first, why; and it guarantees nothing there.
  const refused = entryUnsupported();
  if (refused.length) {
    unsupported.unshift.apply(unsupported, refused);
    normalizations.length = 0;
  }
  return {
    version: version,
    installed: !!marker,
    mode: mode,
    native: host ? host.name : b ? 'ws' : 'none',
    backend: backendName,
    features: copy(s.features),
    quirks: quirks,
    normalizations: normalizations,
    unsupported: unsupported
  };
}

function copy(o: { [k: string]: boolean }): { [k: string]: boolean } {
  const out: { [k: string]: boolean } = {};
  for (const k in o) out[k] = o[k];
  return out;
}
