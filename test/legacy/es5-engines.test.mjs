// Part A: the UMD bundles in real ES5 engines — duktape (duk), mujs, rhino and JavaScriptCore
// (jsc) — and in Hermes 0.12, React Native's engine (npm hermes-engine-cli), with a minimal host (test/legacy/es5/host.js: a global, console, a timer queue, a
// scripted engine double) and an ES5 test script (test/legacy/es5/validation.js) that runs the
// shim's validation logic: close-code conversion, reason byte counting, surrogate checks,
// protocol and URL checks, the DOMException shape, events through the bundled EventTarget.
//
// An engine that is missing fails the suite (CI installs the four Debian packages, npm ci
// Hermes); an engine
// that cannot parse the bundle, or throws on an unguarded ES2015 API, prints no RESULT line
// and fails it too. The negative controls prove that each engine does reject what it must.
import { expect } from 'chai';
import { ENGINES, NEGATIVE, UMD_FILES, available, runScript, HOST, VALIDATION, bundle } from './support/es5-engines.mjs';

function explain(run) {
  return `exit ${run.code}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-2000)}`;
}

for (const engine of ENGINES) {
  describe(`ES5 engine ${engine.name}: ${engine.note}`, function () {
    this.timeout(120000);

    it(`${engine.bin} is installed`, function () {
      expect(available(engine), `${engine.bin} missing: ${engine.install}`).to.equal(true);
    });

    it('negative controls: the engine rejects what it must (so a bundle using it could not pass)', async function () {
      if (!available(engine)) this.skip();
      const runs = await Promise.all(
        Object.keys(NEGATIVE).map((k) => runScript(engine, [HOST, NEGATIVE[k], 'print("RESULT {\\"reached\\":true}")']))
      );
      const rejected = Object.keys(NEGATIVE).filter((k, i) => !(runs[i].result && runs[i].result.reached));
      expect(rejected, 'snippets the engine rejects').to.deep.equal(engine.rejects);
      // The host alone runs (the controls fail because of the snippet, not the prelude).
      const plain = await runScript(engine, [HOST, 'print("RESULT {\\"reached\\":true}")']);
      expect(plain.result, explain(plain)).to.deep.equal({ reached: true });
    });

    it('control: without the bundle the validation script fails (its assertions can fail)', async function () {
      if (!available(engine)) this.skip();
      const run = await runScript(engine, [HOST, VALIDATION]);
      expect(run.result, explain(run)).to.not.equal(null);
      expect(run.result.failed).to.be.greaterThan(20);
    });

    for (const file of UMD_FILES) {
      describe(file, function () {
        let run;
        before(async function () {
          if (!available(engine)) this.skip();
          run = await runScript(engine, [HOST, bundle(file), VALIDATION]);
        });

        it('loads and runs to the end (ES5 syntax, no unguarded ES2015+ API)', function () {
          expect(run.result, `no RESULT line: the bundle failed in ${engine.name}\n${explain(run)}`).to.not.equal(null);
          expect(run.result.engine).to.equal(engine.name);
        });

        it("the host is the engine's own (its ES5 gaps are really there)", function () {
          for (const [k, v] of Object.entries(engine.gaps)) expect(run.result.host[k], `host ${k}`).to.equal(v);
        });

        it('every validation test passes', function () {
          const failures = run.result.failures.map((f) => `${f.name}: ${f.message}`);
          expect(failures).to.deep.equal([]);
          expect(run.result.failed).to.equal(0);
          expect(run.result.uncaught, 'uncaught errors in timers').to.equal(0);
          expect(run.result.passed + run.result.skipped.length).to.equal(32);
        });

        it('skips only the binary tests, and only where the engine has no typed arrays', function () {
          const expected = run.result.host.arrayBuffer
            ? []
            : ['send(): ArrayBuffer and views (only the viewed bytes) as binary', 'binary messages: ArrayBuffer; with binaryType blob and no Blob class, ArrayBuffer (documented)'];
          expect(run.result.skipped).to.deep.equal(expected);
        });
      });
    }

    it('a bundle with an unguarded ES2015 API use fails in this engine', async function () {
      if (!available(engine)) this.skip();
      // The same bundle with one use (Promise; on Hermes, TextEncoder) inside its IIFE, as a
      // careless change would add.
      const text = bundle(UMD_FILES[0]).replace(/\(function \(\) \{\n/, '(function () {\n' + engine.unguarded + '\n');
      expect(text).to.contain(engine.unguarded);
      const run = await runScript(engine, [HOST, text, VALIDATION]);
      expect(run.result, explain(run)).to.equal(null);
    });
  });
}
