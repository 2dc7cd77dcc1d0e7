/**
 * The script-tag / CDN entry (SPEC §1): installs at once; `window.WebSocketShim` holds the
 * API. The mode is chosen without a build: `data-mode` on the script tag, else a global
 * `WebSocketShimOptions = { mode }` set before the script runs.
 */
import { getGlobal } from './global';
import { install, InstallOptions } from './index';

export * from './index';

function scriptOptions(): InstallOptions {
  const g = getGlobal();
  const options: InstallOptions = {};
  const globalOptions = g.WebSocketShimOptions;
  if (globalOptions && typeof globalOptions === 'object') {
    if (globalOptions.mode !== undefined) options.mode = globalOptions.mode;
    if (globalOptions.native !== undefined) options.native = globalOptions.native;
  }
  const doc = g.document;
  if (doc) {
    // document.currentScript is missing in IE; the last script is the one running.
    let script = doc.currentScript;
    if (!script && doc.getElementsByTagName) {
      const all = doc.getElementsByTagName('script');
      script = all[all.length - 1];
    }
    const attr = script && script.getAttribute ? script.getAttribute('data-mode') : null;
    if (attr) options.mode = attr;
  }
  return options;
}

install(scriptOptions());
