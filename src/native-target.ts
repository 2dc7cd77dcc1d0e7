/**
 * The engine's EventTarget as the base of the WebSocket class (SPEC §6, DOM §2.7): usable where
 * the host has a constructible EventTarget and Reflect.construct (browsers since 2017, Node 15+),
 * instances then are real native EventTargets (native dispatch sets `target`, reports listener
 * errors, keeps `instanceof EventTarget`). Shared by the full build (src/event-target.ts, which
 * falls back to its own EventTarget) and the modern entry (which refuses engines without it).
 */
import { getGlobal } from './global';

export interface TargetKind {
  native: boolean;
  /** The constructor the WebSocket constructor inherits statics from (native EventTarget). */
  base?: any;
  /** Prototype the WebSocket prototype inherits from. */
  proto: any;
  /** Creates the `this` of a new instance whose prototype is `newTarget.prototype`. */
  create(newTarget: any): any;
}

/** The native kind when instances can be native EventTargets (probed on each call), else null. */
export function nativeTargetKind(): TargetKind | null {
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
        return {
          native: true,
          base: ET,
          proto: ET.prototype,
          create: create
        };
      }
    } catch (e) {
      // Not subclassable.
    }
  }
  return null;
}
