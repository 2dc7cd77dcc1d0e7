/**
 * The EventTarget the WebSocket class builds on (SPEC §6, DOM §2.7).
 * Where the host has a constructible EventTarget and Reflect.construct (browsers since
 * 2017, Node 15+), instances are real native EventTargets: native dispatch sets `target`,
 * reports listener errors and keeps `instanceof EventTarget`. Elsewhere (IE, old Safari,
 * Node < 15, ES5 engines) the package's own EventTarget below, written without WeakMap
 * (IE10, duktape and mujs lack it), is used; its prototype links to a non-constructible
 * native `EventTarget.prototype` where there is one, so `instanceof` still holds.
 */
import { getGlobal, hasOwn } from './global';
import { reportError } from './report-error';

type Listener = ((ev: any) => unknown) | { handleEvent(ev: any): unknown };

interface Entry {
  type: string;
  callback: Listener;
  capture: boolean;
  once: boolean;
  removed: boolean;
}

const LISTENERS = '__wsShimListeners';

/**
 * The target's own listener list (issue 10 items 5 and 6): in a WeakMap where the engine has one,
 * else under a non-enumerable own key (never one found on the prototype chain, which every object
 * below it would share). Made when the target is created, so a frozen socket still has one; made
 * lazily only for other extensible objects.
 */
const WM = getGlobal().WeakMap;
const lists: { get(k: object): Entry[] | undefined; set(k: object, v: Entry[]): void } | null = typeof WM === 'function' ? new WM() : null;

function entries(target: any): Entry[] {
  const isObject = target !== null && (typeof target === 'object' || typeof target === 'function');
  if (isObject) {
    const list = lists ? lists.get(target) : hasOwn(target, LISTENERS) ? target[LISTENERS] : undefined;
    if (list) return list;
  }
  if (!isObject || (!lists && !Object.isExtensible(target))) throw new TypeError('Illegal invocation');
  return ownList(target);
}

function ownList(target: any): Entry[] {
  const list: Entry[] = [];
  if (lists) lists.set(target, list);
  else Object.defineProperty(target, LISTENERS, { value: list, enumerable: false, configurable: false, writable: false });
  return list;
}

function flatten(options: unknown): { capture: boolean; once: boolean } {
  if (options !== null && typeof options === 'object') {
    const o = options as { capture?: unknown; once?: unknown };
    return { capture: !!o.capture, once: !!o.once };
  }
  return { capture: !!options, once: false };
}

export const OwnEventTarget = function EventTarget(this: any) {
  if (!(this instanceof OwnEventTarget)) {
    throw new TypeError("Failed to construct 'EventTarget': Please use the 'new' operator");
  }
  ownList(this);
} as unknown as { new (): any; prototype: any };

{
  const NativeET = getGlobal().EventTarget;
  OwnEventTarget.prototype = Object.create(
    typeof NativeET === 'function' && NativeET.prototype ? NativeET.prototype : Object.prototype,
    { constructor: { value: OwnEventTarget, writable: true, configurable: true } }
  );
}

OwnEventTarget.prototype.addEventListener = function (this: any, type: string, callback: Listener | null, options?: unknown) {
  if (arguments.length < 2) throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': 2 arguments required.");
  if (callback === null || callback === undefined) return;
  if (typeof callback !== 'function' && typeof callback !== 'object') {
    throw new TypeError("Failed to execute 'addEventListener' on 'EventTarget': parameter 2 is not of type 'Object'.");
  }
  const o = flatten(options);
  const list = entries(this);
  const t = '' + type;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.type === t && e.callback === callback && e.capture === o.capture) return;
  }
  list.push({ type: t, callback: callback, capture: o.capture, once: o.once, removed: false });
};

OwnEventTarget.prototype.removeEventListener = function (this: any, type: string, callback: Listener | null, options?: unknown) {
  if (arguments.length < 2) throw new TypeError("Failed to execute 'removeEventListener' on 'EventTarget': 2 arguments required.");
  const capture = flatten(options).capture;
  const list = entries(this);
  const t = '' + type;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.type === t && e.callback === callback && e.capture === capture) {
      e.removed = true;
      list.splice(i, 1);
      return;
    }
  }
};

/**
 * Sets `target`, `currentTarget` and `eventPhase` on `event` as dispatch does (DOM §2.9). The
 * package's own events take plain writes. An engine's own event (`document.createEvent('Event')`
 * in IE 11, Safari <= 9, Presto, Gecko 11-17, WebKit 2012, QtWebKit) has them read-only: an
 * own property shadows a prototype getter where the engine allows it; where it does not (Safari
 * <= 9 keeps them as own read-only properties) listeners get a view of the event, an object
 * inheriting from it whose methods act on the event itself. Returns what listeners receive.
 */
function dispatchView(event: any, target: any): any {
  const own = { configurable: true, writable: true, enumerable: true };
  try {
    // The package's events take it as a plain data property; an engine's event gets own
    // properties shadowing its prototype's getters.
    Object.defineProperty(event, 'target', assign({ value: target }, own));
    Object.defineProperty(event, 'currentTarget', assign({ value: target }, own));
    Object.defineProperty(event, 'eventPhase', assign({ value: 2 }, own));
    if (event.target === target) {
      if (!('__stop' in event)) stopFlagOn(event, event);
      return event;
    }
  } catch (e) {
    // own non-configurable properties (Safari <= 9): a view below
  }
  const view = Object.create(event, {
    target: assign({ value: target }, own),
    currentTarget: assign({ value: target }, own),
    eventPhase: assign({ value: 2 }, own),
    defaultPrevented: { get: () => !!event.defaultPrevented || !!view.__prevented, configurable: true }
  });
  view.preventDefault = function () {
    view.__prevented = true;
    if (typeof event.preventDefault === 'function') event.preventDefault();
  };
  view.stopPropagation = function () {
    if (typeof event.stopPropagation === 'function') event.stopPropagation();
  };
  stopFlagOn(view, event);
  return view;
}

/** stopImmediatePropagation() on an engine's event also ends the package's dispatch. */
function stopFlagOn(obj: any, event: any): void {
  const native = event.stopImmediatePropagation;
  obj.stopImmediatePropagation = function () {
    obj.__stop = true;
    if (typeof native === 'function') native.call(event);
  };
}

function assign(a: any, b: any): PropertyDescriptor {
  for (const k in b) a[k] = b[k];
  return a;
}

/** The end of dispatch: currentTarget null, eventPhase NONE (DOM §2.9 step 11 onwards). */
function endDispatch(ev: any): void {
  try {
    ev.currentTarget = null;
    ev.eventPhase = 0;
  } catch (e) {
    // an engine event whose properties could not be shadowed: nothing to reset
  }
}

OwnEventTarget.prototype.dispatchEvent = function (this: any, event: any) {
  if (!event || typeof event.type !== 'string') {
    throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
  }
  const ev = dispatchView(event, this);
  // Listeners added during dispatch are not called; removed ones are skipped.
  const snapshot = entries(this).slice();
  for (let i = 0; i < snapshot.length; i++) {
    const e = snapshot[i];
    if (e.removed || e.type !== ev.type) continue;
    if (e.once) this.removeEventListener(e.type, e.callback, { capture: e.capture });
    try {
      if (typeof e.callback === 'function') e.callback.call(this, ev);
      else if (typeof e.callback.handleEvent === 'function') e.callback.handleEvent(ev);
      // DOM "call a user object's operation": a non-callable handleEvent is a TypeError, reported.
      else throw new TypeError("The listener's handleEvent is not a function");
    } catch (err) {
      reportError(err);
    }
    if (ev.__stop) break;
  }
  endDispatch(ev);
  return !ev.defaultPrevented;
};

export interface TargetKind {
  native: boolean;
  /** The constructor the WebSocket constructor inherits statics from (native EventTarget). */
  base?: any;
  /** Prototype the WebSocket prototype inherits from. */
  proto: any;
  /** Creates the `this` of a new instance whose prototype is `newTarget.prototype`. */
  create(newTarget: any): any;
}

/** The package's own EventTarget: instances are plain objects of the class's prototype. */
export const OWN_TARGET_KIND: TargetKind = {
  native: false,
  proto: OwnEventTarget.prototype,
  create: function (newTarget: any) {
    const obj = Object.create(newTarget.prototype);
    ownList(obj);
    return obj;
  }
};

let kind: TargetKind | null = null;

/** Whether instances can be native EventTargets (probed once). */
export function getTargetKind(): TargetKind {
  if (kind) return kind;
  const g = getGlobal();
  const ET = g.EventTarget;
  const R = g.Reflect;
  const Ev = g.Event;
  if (typeof ET === 'function' && R && typeof R.construct === 'function' && typeof Ev === 'function') {
    const setProto = Object.setPrototypeOf;
    // `new EventTarget()`, then its prototype set: the object Reflect.construct(ET, [], newTarget)
    // makes, but V8 caches its hidden class only for a `class` new.target, so an ES5 function as
    // new.target gets a new one per object (issue 13: ~1 KB and 1.8 µs per socket in Node 20).
    const create = function (newTarget: any): any {
      const proto = newTarget.prototype;
      if (typeof setProto !== 'function' || !proto || (typeof proto !== 'object' && typeof proto !== 'function')) return R.construct(ET, [], newTarget);
      return setProto(new ET(), proto);
    };
    try {
      const Probe = function () {} as any;
      Probe.prototype = Object.create(ET.prototype, { constructor: { value: Probe } });
      // Statics inherit too, as with `class extends`: Node's EventTarget brand check
      // reads `this.constructor[kIsEventTarget]`.
      Object.setPrototypeOf(Probe, ET);
      const t = create(Probe);
      let seen: any = null;
      t.addEventListener('probe', function (e: any) {
        seen = e;
      });
      const ev = new Ev('probe');
      t.dispatchEvent(ev);
      if (t instanceof Probe && seen === ev && ev.target === t) {
        kind = {
          native: true,
          base: ET,
          proto: ET.prototype,
          create: create
        };
        return kind;
      }
    } catch (e) {
      // Not subclassable: fall back to our own.
    }
  }
  kind = OWN_TARGET_KIND;
  return kind;
}

export function setTargetKindForTesting(which: 'own' | null): void {
  kind = null;
  if (which === 'own') kind = OWN_TARGET_KIND;
}
