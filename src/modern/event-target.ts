/**
 * The modern entry's EventTarget: the engine's own, always (src/native-target.ts). There is no
 * package EventTarget here; an engine without a constructible one is refused
 * (src/modern/entry-support.ts), and on it this kind only tells detect() so.
 */
import { nativeTargetKind, TargetKind } from '../native-target';
import { requireEntrySupport } from './entry-support';

export type { TargetKind };

let kind: TargetKind | null = null;

export function getTargetKind(): TargetKind {
  if (!kind) {
    kind = nativeTargetKind() || {
      native: false,
      proto: null,
      create: function () {
        requireEntrySupport();
      }
    };
  }
  return kind;
}

/** The full build's test option (`eventTarget: 'own'`): the modern entry has only the engine's. */
export function ownTargetKind(): TargetKind {
  return getTargetKind();
}
