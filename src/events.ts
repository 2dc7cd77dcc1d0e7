/**
 * Event, MessageEvent and CloseEvent (SPEC §2 "Events"; HTML §9.3 MessageEvent,
 * WebSockets "CloseEvent"). Native classes where constructible; where the engine has a
 * constructible Event but no CloseEvent (Node 20/22, Edge < 14), a CloseEvent built on
 * the native Event; where it has none (IE, old Node, ES5 engines), the package's own.
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

function markShim(Ctor: any): any {
  Object.defineProperty(Ctor, SHIM_EVENT_FLAG, { value: true, enumerable: false });
  return Ctor;
}

/** Web IDL dictionary: undefined and null mean {}, other non-objects are a TypeError. */
function dictionary(init: unknown, name: string): any {
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

// ---------------------------------------------------------------------------
// The package's own events, for hosts whose EventTarget is not usable.

function initOwnEvent(self: any, type: string, init?: EventInitLike): void {
  const i = init || {};
  self.type = toDOMString(type);
  self.bubbles = !!i.bubbles;
  self.cancelable = !!i.cancelable;
  self.composed = !!i.composed;
  self.defaultPrevented = false;
  self.isTrusted = false;
  self.eventPhase = 0;
  self.target = null;
  self.currentTarget = null;
  self.srcElement = null;
  self.returnValue = true;
  self.cancelBubble = false;
  self.timeStamp = new Date().getTime();
  hidden(self, '__stop', false);
}

function hidden(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value: value, writable: true, configurable: true, enumerable: false });
}

const PHASES = { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 };

type OwnEventClass = { new (type: string, init?: EventInitLike): any; prototype: any; NONE: number };

/** Built in a function (no work at module scope): a bundle that never needs it drops it (issue 13). */
export const OwnEvent: OwnEventClass = /*#__PURE__*/ (function () {
  const OwnEvent = function Event(this: any, type: string) {
    const init: EventInitLike | undefined = arguments[1];
    if (!(this instanceof OwnEvent)) throw new TypeError("Failed to construct 'Event': Please use the 'new' operator");
    if (arguments.length === 0) throw new TypeError("Failed to construct 'Event': 1 argument required, but only 0 present.");
    initOwnEvent(this, type, init);
  } as unknown as OwnEventClass;
  OwnEvent.prototype.preventDefault = function (this: any) {
    if (this.cancelable) {
      this.defaultPrevented = true;
      this.returnValue = false;
    }
  };
  OwnEvent.prototype.stopPropagation = function (this: any) {
    this.cancelBubble = true;
  };
  OwnEvent.prototype.stopImmediatePropagation = function (this: any) {
    this.cancelBubble = true;
    this.__stop = true;
  };
  OwnEvent.prototype.composedPath = function (this: any) {
    return this.currentTarget ? [this.currentTarget] : [];
  };
  for (const k in PHASES) {
    (OwnEvent as any)[k] = (PHASES as any)[k];
    OwnEvent.prototype[k] = (PHASES as any)[k];
  }
  return OwnEvent;
})();

function subclassOwn(name: string, init: (self: any, i: any) => void): any {
  // One declared parameter: `length` is 1, as for the IDL constructors.
  const Sub = function (this: any, type: string) {
    const i: any = arguments[1];
    if (!(this instanceof Sub)) throw new TypeError("Failed to construct '" + name + "': Please use the 'new' operator");
    if (arguments.length === 0) throw new TypeError("Failed to construct '" + name + "': 1 argument required, but only 0 present.");
    initOwnEvent(this, type, dictionary(i, name));
    init(this, i);
  } as any;
  Sub.prototype = Object.create(OwnEvent.prototype, {
    constructor: { value: Sub, writable: true, configurable: true }
  });
  for (const k in PHASES) Sub[k] = (PHASES as any)[k];
  // `CloseEvent.name === 'CloseEvent'`, not the inferred 'Sub' (nor a minifier's name); the
  // parent interface Event, a read-only prototype, the toStringTag, where the engine can.
  finishInterface(Sub, name, OwnEvent);
  return markShim(Sub);
}

export const OwnMessageEvent = /*#__PURE__*/ subclassOwn('MessageEvent', initMessage);
export const OwnCloseEvent = /*#__PURE__*/ subclassOwn('CloseEvent', initClose);

// Init dictionaries: members read in lexicographic order, converted as Web IDL says (ToString
// for DOMString/USVString, not `'' + v`, which calls valueOf first).
function initMessage(self: any, init: unknown): void {
  const i: MessageEventInitLike = dictionary(init, 'MessageEvent');
  self.data = i.data === undefined ? null : i.data;
  self.lastEventId = i.lastEventId === undefined ? '' : toDOMString(i.lastEventId);
  self.origin = i.origin === undefined ? '' : toWellFormed(toDOMString(i.origin));
  self.ports = i.ports ? Array.prototype.slice.call(i.ports) : [];
  self.source = i.source === undefined ? null : i.source;
}

function initClose(self: any, init: unknown): void {
  const i: CloseEventInitLike = dictionary(init, 'CloseEvent');
  self.code = i.code === undefined ? 0 : toUnsignedShort(i.code);
  self.reason = i.reason === undefined ? '' : toWellFormed(toDOMString(i.reason));
  self.wasClean = !!i.wasClean;
}

// ---------------------------------------------------------------------------
// Native events.

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

let cached: { [key: string]: EventClasses } = {};

/** Chooses the event classes once per kind of EventTarget (native or own). */
export function getEventClasses(nativeTarget: boolean): EventClasses {
  const key = nativeTarget ? 'n' : 'o';
  if (cached[key]) return cached[key];
  const g = getGlobal();
  let result: EventClasses;
  if (nativeTarget) {
    const NativeEvent = g.Event;
    const NativeMessage = g.MessageEvent;
    const NativeClose = g.CloseEvent;
    const messageOk = constructible(NativeMessage, 'message', { data: 1, origin: 'ws://a' }, function (e) {
      return e.data === 1 && e.origin === 'ws://a' && e.lastEventId === '';
    });
    const closeOk = constructible(NativeClose, 'close', { code: 1000, reason: 'r', wasClean: true }, function (e) {
      return e.code === 1000 && e.reason === 'r' && e.wasClean === true;
    });
    result = {
      native: true,
      Event: NativeEvent,
      MessageEvent: messageOk ? NativeMessage : null,
      CloseEvent: closeOk ? NativeClose : closeEventOnNative(NativeEvent, g.Reflect.construct)
    };
    // A native EventTarget needs native events; without a MessageEvent (not seen in
    // practice) a plain Event carries the fields.
    if (!result.MessageEvent) result.MessageEvent = messageOnNative(NativeEvent, g.Reflect.construct);
  } else {
    result = { native: false, Event: OwnEvent, MessageEvent: OwnMessageEvent, CloseEvent: OwnCloseEvent };
  }
  cached[key] = result;
  return result;
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

export function resetEventClassesForTesting(): void {
  cached = {};
}
