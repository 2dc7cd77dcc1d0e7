// The script-tag builds in Bun, Deno and React Native (issue 13): those builds are for browsers
// and carry none of the runtimes' engine families (src/script-tag/engines/runtimes.ts). Loaded in
// a runtime anyway, they install; every connection then throws a NotSupportedError naming the npm
// package, before the engine is asked (never the engine's quirks unnormalized, SPEC §4), and
// detect() says why. The runtime doubles are those of test/legacy/profiles.mjs, which run the
// conformance checks through the npm build (dist/websocket-shim.cjs) instead.
import { expect } from 'chai';
import { PROFILES } from './profiles.mjs';
import { UMD_FILES, NPM_FILE, profileSuite } from './support/profile-host.mjs';

const MODERN_UMD_FILES = ['dist/websocket-shim.modern.umd.js', 'dist/websocket-shim.modern.umd.min.js'];
const WHY = "this script-tag build of websocket-shim is for browsers; in Bun, Deno and React Native import 'websocket-shim' (the npm package)";
const RUNTIMES = PROFILES.filter((p) => p.build === 'npm');

describe('script-tag builds in Bun, Deno and React Native: installed, every connection refused loudly', function () {
  const suite = profileSuite('script-tag-runtime');

  it('the runtime profiles are React Native (Android, iOS), Deno and Bun', function () {
    expect(RUNTIMES.map((p) => p.id)).to.deep.equal(['react-native-android', 'react-native-ios', 'deno', 'bun']);
  });

  for (const profile of RUNTIMES) {
    // The modern script-tag build first refuses engines without a constructible EventTarget
    // (React Native's doubles have none; src/modern/entry-support.ts, tested in test/dist).
    const files = profile.globals.web.EventTarget === 'native' ? [...UMD_FILES, ...MODERN_UMD_FILES] : UMD_FILES;
    for (const file of files) {
      it(`${profile.id}, ${file.replace('dist/', '')}: detect() names why; new WebSocket() throws NotSupportedError; the engine is never constructed`, function () {
        const h = suite.context(profile, { file });
        const d = h.detect();
        expect([d.installed, d.backend]).to.deep.equal([true, 'runtime-build-only']);
        // The host's own structural quirks are still probed; the runtime family's (named rn…,
        // deno…, bun…) are not: the family is not in the build.
        const npm = suite.context(profile, { file: NPM_FILE }).detect().quirks;
        const own = (q) => /^(rn|deno|bun)[A-Z]/.test(q);
        expect(npm.filter(own), 'control: the npm build reports the family quirks').to.not.deep.equal([]);
        expect(d.quirks).to.deep.equal(npm.filter((q) => !own(q)));
        expect(d.unsupported).to.include('runtimeBuild: ' + WHY);
        let e = null;
        try {
          new h.WebSocket(suite.url().href);
        } catch (err) {
          e = err;
        }
        expect(e, 'an exception').to.not.equal(null);
        expect([e.name, e.code, e.message]).to.deep.equal(['NotSupportedError', 9, 'websocket-shim: ' + WHY + '.']);
        expect(h.engine.sockets.length, 'engine sockets made').to.equal(0);
      });
    }

    it(`${profile.id}, control: the npm build (${NPM_FILE.replace('dist/', '')}) finds the runtime's own family and connects`, async function () {
      const h = suite.context(profile, { file: NPM_FILE });
      expect(h.detect().backend).to.equal(profile.detect.backend);
      const ws = new h.WebSocket(suite.url().href);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = () => reject(new Error('no open'));
      });
      expect(h.engine.sockets.length).to.equal(1);
      ws.close(1000);
    });
  }
});
