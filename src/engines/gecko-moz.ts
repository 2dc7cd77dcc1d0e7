/** Firefox 6/7–10: `MozWebSocket` (docs/detect.md "Firefox (Gecko)"). */
import { EngineFamily } from './family';
import { textOnly } from './text-only';

// §2 Gecko 4–7: close() without arguments (@09d33706, bug 674716); §5a one protocol string;
// §5b Firefox < 8: close events without code.
const GECKO6 = 'geckoCloseWithoutArguments geckoSingleProtocolString geckoCloseEventWithoutCode';
// §2 Gecko 8 →: close(undefined, r) counts undefined as a code (nsWebSocket.cpp @bb112fb5).
const GECKO8 = 'geckoCloseArgcCountsUndefined';

export const geckoMoz: EngineFamily = {
  name: 'gecko-moz',
  // §1 the prefixed constructor (BCD api/WebSocket.json, "Moz" 7–10); §3 strings only.
  quirks: 'prefixedMozWebSocket geckoSendsTextOnly',
  probe: function (s) {
    if (s.name !== 'MozWebSocket') return null;
    // Gecko 8 added `extensions` (§5b); without it, or with a Firefox 4–7 UA, the 6/7 API.
    // (A Gecko 8–10 taken for 6/7 fails loudly on close codes, never silently.)
    let ext = false;
    try {
      ext = 'extensions' in s.Native.prototype;
    } catch (e) {
      // no prototype
    }
    return !ext || s.firefox <= 7 ? GECKO6 : GECKO8;
  },
  adapt: function (s) {
    textOnly(s, 'gecko');
  }
};
