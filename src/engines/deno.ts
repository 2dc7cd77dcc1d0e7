/** Deno 1.x and 2 (docs/detect.md "Deno"). */
import { EngineFamily } from './family';
import { read } from './signals';

export const deno: EngineFamily = {
  name: 'deno',
  // §5b failure close code 0; §3 bufferedAmount 0 unless OPEN (denoland/deno ext/websocket/01_websocket.js @02bc74db).
  quirks: 'denoFailureCloseCode0 denoBufferedAmountZeroUnlessOpen',
  probe: function (s) {
    const d = read(s.g, 'Deno');
    return d && typeof d === 'object' && d.version ? '' : null;
  },
  adapt: function (s) {
    // Deno takes no options (it would send the protocol "[object Object]"): never passed.
    s.unsupported.push('backendOptions: Deno takes no constructor options; the third argument is ignored');
  }
};
