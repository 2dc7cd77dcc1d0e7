/**
 * Event, MessageEvent and CloseEvent (SPEC §2 "Events"; HTML §9.3 MessageEvent,
 * WebSockets "CloseEvent"). Native classes where constructible (src/native-events.ts); where
 * the engine's EventTarget is not usable (IE, old Node, ES5 engines), the package's own.
 */
import { toDOMString } from './webidl';
import { finishInterface } from './idl-interface';
import { dictionary, initClose, initMessage, markShim, nativeEventClasses, EventClasses, EventInitLike } from './native-events';

export { SHIM_EVENT_FLAG, isShimEventClass } from './native-events';
export type { EventClasses, EventInitLike, MessageEventInitLike, CloseEventInitLike } from './native-events';

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
let cached: { [key: string]: EventClasses } = {};

/** Chooses the event classes once per kind of EventTarget (native or own). */
export function getEventClasses(nativeTarget: boolean): EventClasses {
  const key = nativeTarget ? 'n' : 'o';
  if (!cached[key]) {
    cached[key] = nativeTarget
      ? nativeEventClasses()
      : { native: false, Event: OwnEvent, MessageEvent: OwnMessageEvent, CloseEvent: OwnCloseEvent };
  }
  return cached[key];
}

export function resetEventClassesForTesting(): void {
  cached = {};
}
