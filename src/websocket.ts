/**
 * The WebSocket interface (SPEC §2–§3; WHATWG WebSockets §3). An object of this class owns
 * one socket state machine (src/socket-core.ts), which owns one engine socket (a transport,
 * SPEC §6). The constructor and the operations here only brand-check, convert and validate in
 * spec order, then delegate; the prototype is assembled in src/interface.ts.
 */
import { domException } from './errors';
import { getEventClasses } from './events';
import { getTargetKind, TargetKind, ownTargetKind } from './event-target';
import { hasOwn } from './global';
import { validateClose, CloseRequest } from './close-args';
import { Mode, toMode } from './modes';
import { parseWebSocketURL, toProtocolList, isBadPort } from './url';
import { toSendData, checkText } from './send-data';
import { SocketCore, CONNECTING, OPEN, CLOSING, CLOSED } from './socket-core';
import { createSlotStore, defineInterface, ClassEnv, Slot, SlotStore } from './interface';
import { Backend } from './transports/types';
import { requireEntrySupport } from './entry-support';

export { CONNECTING, OPEN, CLOSING, CLOSED };

/** Marks classes made here, so install() never wraps a shim in a shim. */
export const SHIM_FLAG = '__websocketShim';

export interface ClassOptions {
  mode?: Mode;
  /** The backend, or a function giving it on first use (Node loads `ws` lazily). */
  backend: Backend | (() => Backend);
  /** For tests: force the package's own EventTarget and events. */
  eventTarget?: 'own';
}

export interface WebSocketClass {
  new (url: string | { toString(): string }, protocols?: string | string[], options?: unknown): any;
  readonly CONNECTING: 0;
  readonly OPEN: 1;
  readonly CLOSING: 2;
  readonly CLOSED: 3;
  prototype: any;
}

export function createWebSocketClass(options: ClassOptions): WebSocketClass {
  // The modern entry refuses an engine it does not cover (src/modern/entry-support.ts).
  requireEntrySupport();
  const mode = toMode(options.mode);
  const target: TargetKind = options.eventTarget === 'own' ? ownTargetKind() : getTargetKind();
  const events = getEventClasses(target.native);
  const slots = createSlotStore();
  let backend: Backend | null = typeof options.backend === 'function' ? null : options.backend;
  function getBackend(): Backend {
    if (!backend) backend = (options.backend as () => Backend)();
    return backend;
  }
  const env: ClassEnv = { events: events, dispatch: target.proto.dispatchEvent };
  // The last socket's URL and origin: sockets to the same URL share these strings rather than
  // each keeping a copy made by the parser (issue 13: heap per socket; strings are immutable).
  let lastURL = '';
  let lastOrigin = '';

  // Constructor: WHATWG WebSockets "new WebSocket(url, protocols)".
  // One declared parameter: WebSocket.length is 1, as for the IDL constructor.
  const WebSocket = function WebSocket(this: any, url: unknown) {
    const protocols: unknown = arguments[1];
    const backendOptions: unknown = arguments[2];
    if (!(this instanceof WebSocket)) {
      throw new TypeError("Failed to construct 'WebSocket': Please use the 'new' operator.");
    }
    if (arguments.length === 0) {
      throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
    }
    // Steps 1–5: URL conversion, parsing and checks; a Fetch bad port throws in strict mode.
    const parsed = parseWebSocketURL(url, undefined, mode);
    // Steps 6–7: protocols.
    const list = toProtocolList(protocols);
    const be = getBackend();
    const self = target.create(this.constructor);
    if (parsed.href !== lastURL) lastURL = parsed.href;
    if (parsed.origin !== lastOrigin) lastOrigin = parsed.origin;
    const slot = new Slot(self, lastURL, lastOrigin, env);
    const core = new SocketCore(be, slot);
    slot.core = core;
    slots.set(self, slot);
    // Step 8+: establish the connection (the engine does the network work). Standard mode, bad
    // port: Fetch returns a network error, so the connection fails; the engine is never asked.
    if (isBadPort(parsed.port)) core.networkError();
    else core.connect(lastURL, list, backendOptions);
    return self;
  } as unknown as WebSocketClass;

  const ops = operations(slots, mode, getBackend);
  defineInterface(WebSocket, {
    target: target,
    slots: slots,
    close: ops.close,
    send: ops.send,
    flag: { name: SHIM_FLAG, value: { mode: mode, backend: getBackend } }
  });
  return WebSocket;
}

/** close() and send(): brand check, conversion and validation in spec order, then the state machine. */
function operations(slots: SlotStore, mode: Mode, getBackend: () => Backend): { close: Function; send: Function } {
  // close(code, reason)
  function close(this: any) {
    const core = slots.get(this).core;
    // Steps 1–2: conversion and validation come first, whatever the state.
    const req: CloseRequest = validateClose(arguments, mode);
    core.observe();
    // SPEC §4 (2026-12-03): an engine whose close() takes no arguments (hixie-76 WebKit, Gecko
    // 6/7) is closed the only way it can be (the peer sees no code); never left open. The lost
    // code is named in detect().unsupported (closeCodeOnWire); the transport drops the arguments.
    // Steps 3–5: the state machine.
    core.close(req);
  }

  // send(data)
  function send(this: any, data: unknown) {
    const core = slots.get(this).core;
    const be = getBackend();
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
    }
    // IDL union conversion: ArrayBuffer, ArrayBufferView, Blob, else USVString.
    let d = toSendData(data, be.sendsViews);
    core.observe();
    // Step 1: CONNECTING → InvalidStateError.
    if (core.readyState === CONNECTING) throw domException('InvalidStateError', "Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.");
    // SPEC §4: an engine without binary frames (hixie-76 WebKit, Gecko 6–10) would send binary data as
    // the text "[object ArrayBuffer]": fail loudly instead (after close nothing is sent: no exception).
    if (d.kind !== 'text' && core.readyState === OPEN && be.sendsBinary === false) {
      throw domException('NotSupportedError', 'This engine cannot send binary data.');
    }
    d = checkText(d, mode, be.encodesUSV);
    core.send(d);
  }
  return { close: close, send: send };
}

export function isShimClass(Ctor: unknown): boolean {
  return typeof Ctor === 'function' && hasOwn(Ctor, SHIM_FLAG);
}
