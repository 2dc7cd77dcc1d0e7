/**
 * The WebSocket interface object and its prototype (Web IDL; SPEC §2 "Attributes and
 * constants", "Interface objects"): the EventTarget below, then the attributes as accessors,
 * the operations, the event handler attributes and the constants. Each accessor brand-checks
 * its `this` through the private slot store and reads the socket's state machine.
 */
import { getGlobal, hasOwn } from './global';
import { TargetKind } from './event-target';
import { SocketCore, CoreHost, CONNECTING, OPEN, CLOSING, CLOSED } from './socket-core';
import { EventClasses } from './events';
import { defineAttribute, defineOperation, finishInterface } from './idl-interface';
import { toDOMString } from './webidl';

/**
 * What a socket object owns, out of reach of the page (issue 10, item 6): its state machine,
 * its URL and its event handlers. Also what the state machine asks of its socket object
 * (CoreHost: fire an event at it). One object per socket whose methods are on the prototype:
 * issue 13 found a socket made ~25 closures and ~10 objects of its own (+3 KB over the native).
 */
export class Slot implements CoreHost {
  /** Set right after construction (the state machine is made with its slot). */
  core: SocketCore = null as unknown as SocketCore;
  /** The event handler IDL attributes' values (null: none, and no listener registered). */
  onopen: any = null;
  onmessage: any = null;
  onerror: any = null;
  onclose: any = null;

  constructor(
    private socket: object,
    public url: string,
    public origin: string,
    private env: ClassEnv
  ) {}

  get events(): EventClasses {
    return this.env.events;
  }

  fire(ev: any): void {
    this.env.dispatch.call(this.socket, ev);
  }
}

/** What every socket of one class shares: the event classes and the EventTarget's own dispatch. */
export interface ClassEnv {
  events: EventClasses;
  dispatch: (ev: any) => boolean;
}

export interface SlotStore {
  set(obj: object, slot: Slot): void;
  /** The socket's slot; a TypeError ("Illegal invocation") for anything that is not a socket. */
  get(obj: unknown): Slot;
}

/**
 * Private per-socket state: a WeakMap where the engine has one; a hidden, non-enumerable,
 * read-only key (per copy of the package) only where it has not (IE 10, duktape, mujs).
 */
export function createSlotStore(): SlotStore {
  const WM = getGlobal().WeakMap;
  if (typeof WM === 'function') {
    const map = new WM();
    return {
      set: function (obj, slot) {
        map.set(obj, slot);
      },
      get: function (obj) {
        const s = obj !== null && (typeof obj === 'object' || typeof obj === 'function') ? map.get(obj) : undefined;
        if (!s) throw new TypeError('Illegal invocation');
        return s;
      }
    };
  }
  const key = '__wsShimSlot' + Math.random().toString(36).slice(2);
  return {
    set: function (obj, slot) {
      Object.defineProperty(obj, key, { value: slot, enumerable: false, writable: false, configurable: false });
    },
    get: function (obj) {
      const s = obj !== null && typeof obj === 'object' && hasOwn(obj as object, key) ? (obj as any)[key] : null;
      if (!s) throw new TypeError('Illegal invocation');
      return s;
    }
  };
}

const HANDLER_TYPES = ['open', 'message', 'error', 'close'];

export interface InterfaceParts {
  target: TargetKind;
  slots: SlotStore;
  close: Function;
  send: Function;
  /** Marks classes made here (SHIM_FLAG), with what detect() reads. */
  flag: { name: string; value: unknown };
}

/** Builds WebSocket.prototype and the statics on the constructor. */
export function defineInterface(WebSocket: any, p: InterfaceParts): void {
  WebSocket.prototype = Object.create(p.target.proto, {
    constructor: { value: WebSocket, writable: true, configurable: true }
  });
  const proto = WebSocket.prototype;
  method(proto, 'close', p.close);
  method(proto, 'send', p.send);
  defineAttributes(proto, p.slots);
  defineHandlers(proto, p.slots, p.target);
  const constants = { CONNECTING: CONNECTING, OPEN: OPEN, CLOSING: CLOSING, CLOSED: CLOSED };
  for (const k in constants) {
    const d = { value: (constants as any)[k], enumerable: true, writable: false, configurable: false };
    Object.defineProperty(WebSocket, k, d);
    Object.defineProperty(proto, k, d);
  }
  Object.defineProperty(WebSocket, p.flag.name, { value: p.flag.value, enumerable: false });
  // Web IDL interface object: [[Prototype]] EventTarget (as `class WebSocket extends EventTarget`
  // would: statics inherit, Node's brand check needs it), read-only prototype, toStringTag.
  finishInterface(WebSocket, 'WebSocket', p.target.base);
}

/** Operations: named, writable, enumerable, configurable (Web IDL §3.7.7). */
function method(proto: any, name: string, fn: Function): void {
  defineOperation(proto, name, fn);
}

/** Attributes: brand-checked accessors named `get x` / `set x` (Web IDL §3.7.6). */
function accessor(proto: any, slots: SlotStore, name: string, get: (s: Slot) => unknown, set?: (s: Slot, v: unknown, self: any) => void): void {
  defineAttribute(
    proto,
    name,
    function (this: any) {
      return get(slots.get(this));
    },
    set
      ? function (this: any, v: unknown) {
          set(slots.get(this), v, this);
        }
      : undefined
  );
}

function defineAttributes(proto: any, slots: SlotStore): void {
  accessor(proto, slots, 'url', function (s) {
    return s.url;
  });
  accessor(proto, slots, 'readyState', function (s) {
    s.core.observe();
    return s.core.readyState;
  });
  accessor(proto, slots, 'bufferedAmount', function (s) {
    s.core.observe();
    return s.core.bufferedAmount();
  });
  accessor(proto, slots, 'extensions', function (s) {
    return s.core.extensions;
  });
  accessor(proto, slots, 'protocol', function (s) {
    return s.core.protocol;
  });
  accessor(
    proto,
    slots,
    'binaryType',
    function (s) {
      return s.core.binaryType;
    },
    function (s, v) {
      // Enum attribute: DOMString conversion (ToString, not valueOf first), then other values
      // are ignored, without an exception.
      const t = toDOMString(v);
      if (t === 'blob' || t === 'arraybuffer') s.core.setBinaryType(t);
    }
  );
}

function defineHandlers(proto: any, slots: SlotStore, target: TargetKind): void {
  const baseAdd = target.proto.addEventListener;
  const baseRemove = target.proto.removeEventListener;
  HANDLER_TYPES.forEach(function (type) {
    const key = 'on' + type;
    // One listener per type for every socket of the class (a listener is called with the socket
    // as `this`): it calls the socket's current handler.
    const listener = function (this: any, ev: any) {
      const h = (slots.get(this) as any)[key];
      if (typeof h === 'function') return h.call(this, ev);
    };
    accessor(
      proto,
      slots,
      key,
      function (s) {
        return (s as any)[key];
      },
      function (s, v, self) {
        // Event handler IDL attribute: non-callables become null. The listener keeps its
        // place when the handler changes (undici and ws 8 move it to the end).
        const fn = typeof v === 'function' ? v : null;
        const had = (s as any)[key] !== null;
        (s as any)[key] = fn;
        if (fn === null) {
          if (had) baseRemove.call(self, type, listener);
        } else if (!had) baseAdd.call(self, type, listener);
      }
    );
  });
}
