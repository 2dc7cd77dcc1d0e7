/** Opera 12.10–12.16 (docs/detect.md "Opera 12 (Presto)"). */
import { EngineFamily } from './family';
import { read } from './signals';

export const presto: EngineFamily = {
  name: 'presto',
  // §2, §4, §5a modules/dom/src/websockets/domwebsocket.cpp: UTF-16 reason limit, messages while
  // CLOSING, an early failure closes with wasClean true.
  quirks: 'prestoReasonLengthInUtf16Units prestoMessagesWhileClosing prestoEarlyFailureWasClean',
  probe: function (s) {
    // Presto exposes window.opera (§1); 11–12.0 had hixie-76 disabled by default.
    const opera = read(s.g, 'opera');
    return s.native && opera && typeof opera.version === 'function' ? '' : null;
  },
  adapt: function (s) {
    s.a.unclean1006 = true;
  }
};
