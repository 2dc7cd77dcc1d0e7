/**
 * The script-tag / CDN entry (SPEC §1): installs at once; `window.WebSocketShim` holds the
 * API. The mode is chosen without a build: `data-mode` on the script tag, else a global
 * `WebSocketShimOptions = { mode }` set before the script runs.
 *
 * Built as an IIFE that always installs and always sets the global, also on pages with an
 * AMD loader (a plain UMD would call an anonymous define() there, which RequireJS rejects,
 * and install nothing) or with CommonJS globals (Electron, NW.js); module loaders get the
 * API too.
 */
import { getGlobal } from './global';
import * as api from './index';
import { getMarker } from './install';
import { refusingClass } from './entry-support';

declare const define: any;
declare const module: any;

function scriptOptions(): api.InstallOptions {
  const g = getGlobal();
  const options: api.InstallOptions = {};
  const globalOptions = g.WebSocketShimOptions;
  if (globalOptions && typeof globalOptions === 'object') {
    if (globalOptions.mode !== undefined) options.mode = globalOptions.mode;
    if (globalOptions.native !== undefined) options.native = globalOptions.native;
    if (globalOptions.capabilities !== undefined) options.capabilities = globalOptions.capabilities;
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

// The class this script made, when install() had nothing to wrap; where the entry refuses the
// engine (modern build), one whose constructor throws why.
let initial: any = refusingClass();

const WebSocketShim = {
  // The installed class while one is installed: install({ mode }) may switch it later, from this
  // copy or another (issue 11); after uninstall(), the class this script made or installed.
  get WebSocket() {
    const marker = getMarker();
    return marker ? marker.installed : initial;
  },
  CloseEvent: api.CloseEvent,
  MessageEvent: api.MessageEvent,
  install: api.install,
  uninstall: api.uninstall,
  detect: api.detect,
  version: api.version,
  createWebSocketClass: api.createWebSocketClass
};

// The global first: where the entry refuses the engine (the modern build on an older engine),
// install() below throws why, and WebSocketShim.detect() still says so.
const g = getGlobal();
// A plain assignment (not `var`): the global stays configurable, as before.
g.WebSocketShim = WebSocketShim;
if (typeof define === 'function' && define.amd) {
  define('websocket-shim', [], function () {
    return WebSocketShim;
  });
}
if (typeof module === 'object' && module && typeof module.exports === 'object') module.exports = WebSocketShim;

// Then installed: on the page, WebSocketShim.WebSocket is the installed class (in the chosen
// mode), the same as window.WebSocket.
const options = scriptOptions();
const installed = api.install(options);

// Nothing to wrap (install() returned null): the class in the chosen mode, not installed.
initial = installed || api.createWebSocketClass({ mode: options.mode, native: options.native });
