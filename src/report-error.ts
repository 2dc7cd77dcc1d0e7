/**
 * SPEC §2: a throwing listener does not stop the others; its error is reported the way
 * the host reports uncaught errors (window.onerror / 'uncaughtException').
 */
import { getGlobal } from './global';

export function reportError(error: unknown): void {
  const g = getGlobal();
  if (typeof g.reportError === 'function') {
    try {
      g.reportError(error);
      return;
    } catch (e) {
      // fall through: rethrow in a task of its own
    }
  }
  setTimeout(function () {
    throw error;
  }, 0);
}
