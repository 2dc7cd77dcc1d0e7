/** Deno 1.x and 2 (docs/detect.md "Deno"). */
import { EngineFamily } from './family';
import { denoVersion, versionNumber } from './signals';

export const deno: EngineFamily = {
  name: 'deno',
  // §5b failure close code 0; §3 bufferedAmount 0 unless OPEN (denoland/deno ext/websocket/01_websocket.js @02bc74db).
  quirks: 'denoFailureCloseCode0 denoBufferedAmountZeroUnlessOpen',
  probe: function (s) {
    const dv = denoVersion(s.g);
    if (dv === null) return null;
    // Before 2.5 the constructor is (url, protocols?): no WebSocketInit (denoland/deno#30321,
    // Deno 2.5 "WebSocket headers"). Measured: Deno 2.4.4 refuses a WebSocketInit (SyntaxError
    // "Invalid protocol value"), 2.5.0 and 2.9.6 send init.headers (test/engines-real).
    return versionNumber(dv) >= 20500 ? '' : 'denoNoWebSocketInit';
  },
  adapt: function (s) {
    if (s.has('denoNoWebSocketInit')) {
      // An options object would be read as the protocol "[object Object]" and refused: never passed.
      s.unsupported.push('backendOptions: Deno before 2.5 takes no constructor options; the third argument is ignored');
    } else {
      // Deno 2.5+: backend options reach it as a WebSocketInit second argument, as on Bun.
      s.opts.optionsAs = 'init';
    }
  }
};
