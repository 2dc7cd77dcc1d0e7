// A tiny app on the modern entry's bundler side-effect import (SPEC §1; README "Modern or full
// build"): importing it installs the modern shim on globalThis, or throws NotSupportedError on an
// engine the modern entry does not cover.
// The page reads detect() and install() of the same copy (./api.js runs first: ES modules run in
// import order), also where the install below refuses the engine.
import './api.js';
import 'websocket-shim/modern/auto';

window.__appLoaded = 'modern-auto';
