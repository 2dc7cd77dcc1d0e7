/**
 * The script-tag builds' runtimes, in place of src/engines/runtimes.ts (rollup.config.mjs swaps
 * it in for dist/websocket-shim.umd*.js and dist/websocket-shim.modern.umd*.js). Script tags
 * are for browsers: the Bun, Deno and React Native families (1.7 KB minified, issue 13) are not
 * in these builds. One loaded there anyway installs, and every connection fails loudly (SPEC §4:
 * never the engine's quirks unnormalized) with detect() saying why, as a browser build does in
 * Node (src/backends.ts). The same signals as the families' own probes (src/engines/signals.ts).
 */
import { EngineFamily } from '../../engines/family';
import { bunVersion, denoVersion, isReactNative } from '../../engines/signals';

const WHY = "this script-tag build of websocket-shim is for browsers; in Bun, Deno and React Native import 'websocket-shim' (the npm package)";

export const RUNTIMES: EngineFamily[] = [
  {
    name: 'runtime-build-only',
    quirks: '',
    probe: function (s) {
      return bunVersion(s.g) !== null || denoVersion(s.g) !== null || isReactNative(s.g) ? '' : null;
    },
    adapt: function (s) {
      s.unsupported.push('runtimeBuild: ' + WHY);
      s.a.refuse = 'websocket-shim: ' + WHY + '.';
    }
  }
];
