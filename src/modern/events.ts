/**
 * The modern entry's event classes: the engine's MessageEvent and CloseEvent, or a CloseEvent
 * on the engine's Event where it has none (Node 22), as in the full build (src/native-events.ts).
 * No package Event: an engine without a usable EventTarget is refused (src/modern/entry-support.ts).
 */
import { getGlobal } from '../global';
import { nativeEventClasses, EventClasses } from '../native-events';

export { SHIM_EVENT_FLAG, isShimEventClass } from '../native-events';
export type { EventClasses, EventInitLike, MessageEventInitLike, CloseEventInitLike } from '../native-events';

let cached: EventClasses | null = null;

export function getEventClasses(nativeTarget: boolean): EventClasses {
  if (!nativeTarget) {
    // A refused engine: whatever it has, for detect() and the CloseEvent/MessageEvent exports.
    const g = getGlobal();
    return { native: false, Event: g.Event, MessageEvent: g.MessageEvent, CloseEvent: g.CloseEvent };
  }
  if (!cached) cached = nativeEventClasses();
  return cached;
}

export function resetEventClassesForTesting(): void {
  cached = null;
}
