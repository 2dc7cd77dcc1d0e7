/**
 * Event classes on the engine's own Event (SPEC §2 "Events"; HTML §9.3 MessageEvent, WebSockets
 * "CloseEvent"): the native MessageEvent and CloseEvent where constructible and conformant; where
 * the engine has a constructible Event but no CloseEvent (Node 20/22, Edge < 14), a CloseEvent
 * built on the native Event. Shared by the full build (src/events.ts) and the modern entry.
 */
import { getGlobal, hasOwn } from './global';
import { toDOMString } from './webidl';
import { toWellFormed } from './utf8';
import { finishInterface, defineAttribute } from './idl-interface';

/** Marks the event classes made here: detect() and other copies of the package tell them from native ones. */
export const SHIM_EVENT_FLAG = '__websocketShimEvent';

export function isShimEventClass(Ctor: unknown): boolean {
  return typeof Ctor === 'function' && hasOwn(Ctor, SHIM_EVENT_FLAG);
}

export function markShim(Ctor: any): any {
  Object.defineProperty(Ctor, SHIM_EVENT_FLAG, { value: true, enumerable: false });
  return Ctor;
}

/** Web IDL dictionary: undefined and null mean {}, other non-objects are a TypeError. */
export function dictionary(init: unknown, name: string): any {
  if (init === undefined || init === null) return {};
  if (typeof init !== 'object' && typeof init !== 'function') throw new TypeError("Failed to construct '" + name + "': The provided value is not of type '" + name + "Init'.");
  return init;
}

/** Web IDL `unsigned short` (no [Clamp], no [EnforceRange]): ToNumber, truncate, modulo 2^16. */
function toUnsignedShort(v: unknown): number {
  const x = +(v as number);
  if (x !== x || x === Infinity || x === -Infinity) return 0;
  const n = (x < 0 ? -Math.floor(-x) : Math.floor(x)) % 65536;
  return n < 0 ? n + 65536 : n;
}

export interface EventInitLike {
  bubbles?: boolean;
  cancelable?: boolean;
  composed?: boolean;
}
export interface MessageEventInitLike extends EventInitLike {
  data?: unknown;
  origin?: string;
  lastEventId?: string;
  source?: unknown;
  ports?: unknown[];
}
export interface CloseEventInitLike extends EventInitLike {
  wasClean?: boolean;
  code?: number;
  reason?: string;
}

export interface EventClasses {
  /** true: events are native objects, dispatched by a native EventTarget. */
  native: boolean;
  Event: any;
  MessageEvent: any;
  CloseEvent: any;
}

// Init dictionaries: members read in lexicographic order, converted as Web IDL says (ToString
// for DOMString/USVString, not `'' + v`, which calls valueOf first).
export function initMessage(self: any, init: unknown): void {
  const i: MessageEventInitLike = dictionary(init, 'MessageEvent');
  self.data = i.data === undefined ? null : i.data;
  self.lastEventId = i.lastEventId === undefined ? '' : toDOMString(i.lastEventId);
  self.origin = i.origin === undefined ? '' : toWellFormed(toDOMString(i.origin));
  self.ports = i.ports ? Array.prototype.slice.call(i.ports) : [];
  self.source = i.source === undefined ? null : i.source;
}

export function initClose(self: any, init: unknown): void {
  const i: CloseEventInitLike = dictionary(init, 'CloseEvent');
  self.code = i.code === undefined ? 0 : toUnsignedShort(i.code);
  self.reason = i.reason === undefined ? '' : toWellFormed(toDOMString(i.reason));
  self.wasClean = !!i.wasClean;
}

function constructible(Ctor: any, type: string, init: object, check: (e: any) => boolean): boolean {
  if (typeof Ctor !== 'function') return false;
  try {
    return check(new Ctor(type, init));
  } catch (e) {
    return false;
  }
}

/**
 * A CloseEvent for engines with a constructible native Event and Reflect.construct
 * but no CloseEvent (Node 20–22): a real native Event, so a native EventTarget
 * dispatches it, with the CloseEvent prototype and fields.
 */
function closeEventOnNative(NativeEvent: any, construct: (t: any, a: any[], n: any) => any): any {
  const CloseEvent = function (this: any, type: string) {
    const init: unknown = arguments[1];
    if (!(this instanceof CloseEvent)) throw new TypeError("Failed to construct 'CloseEvent': Please use the 'new' operator");
    if (arguments.length === 0) throw new TypeError("Failed to construct 'CloseEvent': 1 argument required, but only 0 present.");
    dictionary(init, 'CloseEvent');
    const self = construct(NativeEvent, [type, init], this.constructor);
    const fields: any = {};
    initClose(fields, init);
    Object.defineProperty(self, CLOSE_FIELDS, { value: fields, enumerable: false });
    return self;
  } as any;
  CloseEvent.prototype = Object.create(NativeEvent.prototype, {
    constructor: { value: CloseEvent, writable: true, configurable: true }
  });
  // Readonly attributes, brand-checked: on CloseEvent.prototype (or any non-CloseEvent) they throw.
  ['wasClean', 'code', 'reason'].forEach(function (k) {
    defineAttribute(CloseEvent.prototype, k, function (this: any) {
      if (!this || (typeof this !== 'object' && typeof this !== 'function') || !hasOwn(this, CLOSE_FIELDS)) {
        throw new TypeError("Failed to read the '" + k + "' property from 'CloseEvent': Illegal invocation");
      }
      return this[CLOSE_FIELDS][k];
    });
  });
  finishInterface(CloseEvent, 'CloseEvent', NativeEvent);
  return markShim(CloseEvent);
}

const CLOSE_FIELDS = '__wsShimClose';
/** The native event classes (the host has a constructible EventTarget and Event). */
export function nativeEventClasses(): EventClasses {
  const g = getGlobal();
  const NativeEvent = g.Event;
  const NativeMessage = g.MessageEvent;
  const NativeClose = g.CloseEvent;
  const messageOk = constructible(NativeMessage, 'message', { data: 1, origin: 'ws://a' }, function (e) {
    return e.data === 1 && e.origin === 'ws://a' && e.lastEventId === '';
  });
  const closeOk = constructible(NativeClose, 'close', { code: 1000, reason: 'r', wasClean: true }, function (e) {
    return e.code === 1000 && e.reason === 'r' && e.wasClean === true;
  });
  return {
    native: true,
    Event: NativeEvent,
    // A native EventTarget needs native events; without a MessageEvent (not seen in
    // practice) a plain Event carries the fields.
    MessageEvent: messageOk ? NativeMessage : messageOnNative(NativeEvent, g.Reflect.construct),
    CloseEvent: closeOk ? NativeClose : closeEventOnNative(NativeEvent, g.Reflect.construct)
  };
}
function messageOnNative(NativeEvent: any, construct: (t: any, a: any[], n: any) => any): any {
  const MessageEvent = function (this: any, type: string) {
    const init: unknown = arguments[1];
    const self = construct(NativeEvent, [type, dictionary(init, 'MessageEvent')], this.constructor);
    initMessage(self, init);
    return self;
  } as any;
  MessageEvent.prototype = Object.create(NativeEvent.prototype, {
    constructor: { value: MessageEvent, writable: true, configurable: true }
  });
  finishInterface(MessageEvent, 'MessageEvent', NativeEvent);
  return markShim(MessageEvent);
}
