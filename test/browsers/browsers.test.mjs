// The browser suite: the three ways in (SPEC §1), proven in real engines — Chromium
// (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi), WebKitGTK
// (selenium-webdriver, WebKitWebDriver under xvfb-run) and the legacy QtWebKit 5.212 (a WebKit
// of 2016, Safari 10 generation: a QWebPage driven from /usr/bin/python3; it runs the pages'
// ES2015 build, test/browsers/lib/qtwebkit-pages.mjs, and not the bundler apps) — against the real `ws` test server
// (conformance/server.mjs), all on 127.0.0.1 (shared/BROWSERS.md; the proxy sink records
// anything that tried to leave).
//
// In each engine, pages under test/browsers/pages/ run the shared check list
// (conformance/checks.mjs) and publish what they saw:
//   - the engine's own WebSocket, judged in both modes (the native column: it shows what the
//     checks catch, and so what the shim changed on that engine);
//   - the script-tag build with data-mode and with WebSocketShimOptions, in both modes, and with
//     no option under `Content-Security-Policy: script-src 'self'`: every check passes;
//   - the modern script-tag build (dist/websocket-shim.modern.umd.min.js) in both modes: every
//     check passes in Chromium, Firefox ESR and WebKitGTK; QtWebKit (no constructible
//     EventTarget) is refused with NotSupportedError, the native kept, detect() saying why;
//   - the fixture apps (test/browsers/apps) bundled by rollup, esbuild, webpack and vite:
//     `import 'websocket-shim/auto'` passes every check; the ponyfill leaves window.WebSocket
//     native (and its bundle holds no install code: checked once, below);
//     `import 'websocket-shim/modern/auto'` passes every check, and refuses the engine with its
//     EventTarget deleted (NotSupportedError, nothing installed, detect() says why);
//   - the script-tag build twice plus the ESM auto entry installs once (under the CSP too);
//   - uninstall() restores the native and a socket opened before keeps working;
//   - a seeded binary soak (Blob, ArrayBuffer, views; order and bytes), shim and native.
// Screenshots of every page go to test-results/screenshots/ (git-ignored); the per-engine
// report (counts, corrected deviations) to test-results/browsers/report.{md,json}.
//
// Engines not installed are skipped with a pending test saying so, except under CI=true
// (.ci/run installs all four), where a missing engine fails. BROWSERS=chromium,firefox runs
// only those; SOAK_COUNT sets the soak's messages per connection (default 120).
import { expect } from 'chai';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, closedPort } from '../../conformance/server.mjs';
import { CHECKS } from '../../conformance/checks.mjs';
import { ENGINES, launch, missing } from './lib/engines.mjs';
import { startProxySink, formatRecords } from './lib/proxy-sink.mjs';
import { buildApps, APPS, BUNDLERS, INSTALL_FINGERPRINT, root } from './lib/apps.mjs';
import { buildReport, formatReport, saveReport } from './lib/report.mjs';
import { buildQtWebKitPages } from './lib/qtwebkit-pages.mjs';

const CI = !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';
const ONLY = process.env.BROWSERS ? process.env.BROWSERS.split(',').map((s) => s.trim()) : null;
const SOAK_COUNT = +(process.env.SOAK_COUNT || 120);
const PAGES = '/static/test/browsers/pages/';
const shots = join(root, 'test-results', 'screenshots');
const reportDir = join(root, 'test-results', 'browsers');

// The script-tag pages: [run name, page, query, mode].
const SCRIPT_TAG = [
  ['shim, strict (data-mode)', 'umd-data-strict.html', '', 'strict'],
  ['shim, standard (data-mode)', 'umd-data-standard.html', '', 'standard'],
  ['shim, strict (WebSocketShimOptions)', 'umd-options-strict.html', '', 'strict'],
  ['shim, standard (WebSocketShimOptions)', 'umd-options-standard.html', '', 'standard'],
  ["shim, strict (no options, CSP script-src 'self')", 'umd-default-csp.html', 'csp=1', 'strict'],
  // The modern build (issue 13), the same checks: on the engines it covers (not QtWebKit, which it refuses).
  ['modern, strict (data-mode)', 'umd-modern-strict.html', '', 'strict'],
  ['modern, standard (WebSocketShimOptions)', 'umd-modern-standard.html', '', 'standard']
];
const isModern = (page) => page.startsWith('umd-modern-');

/** "check-id: expected X, got Y" for every failing row (check list rows and page assertions). */
function failures(result) {
  const rows = (result.items || []).concat(result.results || []);
  const out = rows.filter((r) => !r.pass).map((r) => `${r.id || r.name}: expected ${r.expected}, got ${r.actual}`);
  if (result.error) out.unshift('page error: ' + result.error);
  return out;
}

/**
 * The page's CSP violations, but for connect-src ones of the check list's own `wss:` URL:
 * QtWebKit 5.212's CSP does not count `wss:` of the page's host under 'self' on an http: page
 * (CSP 3 does) and reports it; the shim turns the engine's SecurityError into a failed
 * connection as the Standard says. What must never happen is a script-src violation (eval).
 */
function scriptViolations(result) {
  const connect = result.violations.filter((v) => /^connect-src .* wss:\/\/127\.0\.0\.1:\d+$/.test(v));
  for (const v of connect) console.log(`        (CSP, engine's own report: ${v})`);
  return result.violations.filter((v) => connect.indexOf(v) === -1);
}

describe('browsers: Chromium, Firefox ESR, WebKitGTK and QtWebKit, through all three ways in', function () {
  this.timeout(180000);
  let server;
  let sink;
  let bundles = [];
  const engineRuns = []; // for the report
  const pageOrigins = new Set();
  const pageResources = []; // [engine, page, url] of every resource the pages loaded
  const refusedAway = []; // [engine, kind, url]: what an engine's own driver kept on loopback
  let es2015Pages = null; // where the ES2015 build of the pages is served (QtWebKit)

  before(async function () {
    server = await startServer();
    sink = await startProxySink();
    pageOrigins.add(server.httpUrl);
    mkdirSync(shots, { recursive: true });
    bundles = await buildApps();
    const selected = ENGINES.filter((e) => (!ONLY || ONLY.includes(e.id)) && missing(e).length === 0);
    if (selected.some((e) => e.pages === 'es2015')) es2015Pages = await buildQtWebKitPages();
    const ran = ENGINES.filter((e) => (!ONLY || ONLY.includes(e.id)) && missing(e).length === 0).map((e) => e.label);
    const skipped = ENGINES.filter((e) => (!ONLY || ONLY.includes(e.id)) && missing(e).length > 0).map((e) => e.label);
    console.log(`      engines run: ${ran.join(', ') || 'none'}${skipped.length ? `; not installed: ${skipped.join(', ')}` : ''}`);
  });

  after(async function () {
    if (engineRuns.length) {
      const report = buildReport(engineRuns);
      console.log('\n      ' + formatReport(report).join('\n      '));
      saveReport(reportDir, report, { sink: sink ? sink.records() : [], bundles: bundles.map(({ code, ...b }) => ({ ...b, bytes: code.length })) });
      console.log(`      report: test-results/browsers/report.md; screenshots: test-results/screenshots/`);
    }
    if (sink) await sink.close();
    if (server) await server.close();
  });

  describe('bundler fixtures (test/browsers/apps)', function () {
    const get = (bundler, app) => bundles.find((b) => b.bundler === bundler && b.app === app);
    for (const bundler of BUNDLERS) {
      it(`${bundler}: every app builds from the packed package`, function () {
        for (const app of APPS) {
          const b = get(bundler, app);
          expect(b.error, `${bundler} ${app}`).to.equal(null);
          expect(b.modules.some((m) => m.startsWith('node_modules/websocket-shim/dist/')), `${bundler} ${app} resolves the packed package`).to.equal(true);
        }
      });
      it(`${bundler}: the auto app holds dist/auto.mjs and the install code (control)`, function () {
        const b = get(bundler, 'auto');
        expect(b.modules).to.include('node_modules/websocket-shim/dist/auto.mjs');
        expect(INSTALL_FINGERPRINT.test(b.code), 'install code in the auto bundle').to.equal(true);
      });
      it(`${bundler}: the ponyfill app holds no auto entry and no install code`, function () {
        const b = get(bundler, 'ponyfill');
        expect(b.modules.filter((m) => /\/dist\/auto\./.test(m))).to.deep.equal([]);
        expect(INSTALL_FINGERPRINT.test(b.code), 'install code in the ponyfill bundle').to.equal(false);
      });
      it(`${bundler}: the modern auto app holds the modern generic build only (modern.auto.mjs, modern.mjs), the install code, no Node engine`, function () {
        const b = get(bundler, 'modern-auto');
        const dist = [...new Set(b.modules.filter((m) => m.startsWith('node_modules/websocket-shim/')))].sort();
        expect(dist).to.deep.equal(['node_modules/websocket-shim/dist/modern.auto.mjs', 'node_modules/websocket-shim/dist/modern.mjs']);
        expect(INSTALL_FINGERPRINT.test(b.code), 'install code in the modern auto bundle').to.equal(true);
        // Names only the Node engines use (test/dist/node-engines.test.mjs).
        for (const name of ['wsBinaryTypeNodebuffer', 'undiciSendBlobLostOnClose', 'undici:client:sendHeaders']) expect(b.code.includes(name), name).to.equal(false);
      });
    }
  });

  for (const engine of ENGINES) {
    if (ONLY && !ONLY.includes(engine.id)) continue;
    describe(engine.label, function () {
      const gone = missing(engine);
      if (gone.length) {
        if (CI) {
          it(`${engine.label} is installed (.ci/run installs it)`, function () {
            throw new Error(`${engine.label} is missing: ${gone.join(', ')} (apt-get install -y ${engine.debian})`);
          });
        } else {
          it.skip(`${engine.label}: skipped, not installed (${gone.join(', ')}; apt-get install -y ${engine.debian})`);
        }
        return;
      }

      let session = null;
      const entry = { label: engine.label, version: '', runs: {}, soak: null };

      before(async function () {
        sink.setPhase(engine.label);
        // This engine's screenshots of an earlier run go; the other engines' stay.
        for (const f of readdirSync(shots)) if (f.startsWith(engine.id + '-')) rmSync(join(shots, f));
        session = await launch(engine, { sinkAddress: sink.address });
        entry.version = session.version;
        engineRuns.push(entry);
        console.log(`      ${session.version}`);
      });
      after(async function () {
        if (session && session.away) for (const r of session.away()) refusedAway.push([engine.label, r.kind, r.url]);
        if (session) await session.close();
      });

      /** Loads a page, screenshots it, and returns its result. */
      async function visit(shot, page, query) {
        // A new closed port for each page: Firefox delays a connection to a host:port that
        // failed before, more after each failure (RFC 6455 §7.2.3), past a check's time limit.
        const q = ['refused=' + (await closedPort())].concat(query ? [query] : []).join('&');
        const dir = engine.pages === 'es2015' ? es2015Pages : PAGES;
        const url = server.httpUrl + (page.startsWith('/') ? page : dir + page) + '?' + q;
        let result;
        try {
          result = await session.load(url, { timeoutMs: 45000 });
        } catch (e) {
          // A page that published nothing (a script that did not load while another process
          // rebuilt dist/, say) gets one more load; a page that did publish is never re-run.
          console.log(`        (${shot}: ${e.message.split('\n')[0]}; loading it once more)`);
          result = await session.load(url, { timeoutMs: 45000 });
        }
        try {
          await session.screenshot(join(shots, `${engine.id}-${shot}.png`));
        } catch (e) {
          console.log(`      (no screenshot of ${shot}: ${e.message})`);
        }
        for (const r of result.resources || []) pageResources.push([engine.label, shot, r]);
        return result;
      }

      /** A check-list run: every check produced a row; returns the rows. */
      function checkRows(result) {
        expect(result.error, 'page error').to.equal(null);
        expect(result.results.map((r) => r.id)).to.deep.equal(CHECKS.map((c) => c.id));
        return result.results;
      }

      it('native WebSocket, judged in both modes (the native column; deviations listed)', async function () {
        for (const mode of ['strict', 'standard']) {
          const rows = checkRows(await visit(`native-${mode}`, 'native.html', 'mode=' + mode));
          entry.runs[`native, ${mode}`] = rows;
          const bad = rows.filter((r) => !r.pass);
          console.log(`        native, ${mode}: ${rows.length - bad.length} passed, ${bad.length} failed`);
          for (const r of bad) console.log(`          ${r.id}: SPEC ${r.expected} — native ${r.actual}`);
        }
      });

      for (const [name, page, query, mode] of SCRIPT_TAG) {
        if (isModern(page) && engine.id === 'qtwebkit') continue;
        it(`script tag, ${name.replace(/^shim, /, '')}: every check passes`, async function () {
          const result = await visit(page.replace('.html', ''), page, query);
          entry.runs[name] = checkRows(result);
          if (result.detect && name === SCRIPT_TAG[0][0]) {
            console.log(`        detect(): native ${result.detect.native}, backend ${result.detect.backend}, quirks [${result.detect.quirks.join(', ')}]`);
          }
          expect(result.mode).to.equal(mode);
          expect(failures(result)).to.deep.equal([]);
          if (query === 'csp=1') expect(scriptViolations(result), 'CSP violations').to.deep.equal([]);
        });
      }

      if (engine.pages === 'es2015') {
        it.skip(`bundler apps: not run on ${engine.label} (their bundles are ES modules of today's toolchains; it has no ES modules)`);
      }
      for (const bundler of engine.pages === 'es2015' ? [] : BUNDLERS) {
        it(`${bundler} app, import 'websocket-shim/auto': installed, every check passes`, async function () {
          const b = bundles.find((x) => x.bundler === bundler && x.app === 'auto');
          if (b.error) throw new Error(`the ${bundler} bundle did not build`);
          const result = await visit(`app-${bundler}-auto`, 'app.html', `app=auto&bundle=${encodeURIComponent(b.url)}`);
          entry.runs[`shim, strict (${bundler} app, auto)`] = checkRows(result);
          expect(failures(result)).to.deep.equal([]);
        });
      }
      for (const bundler of engine.pages === 'es2015' ? [] : BUNDLERS) {
        it(`${bundler} app, import 'websocket-shim/modern/auto': installed, detect() agrees, every check passes`, async function () {
          const b = bundles.find((x) => x.bundler === bundler && x.app === 'modern-auto');
          if (b.error) throw new Error(`the ${bundler} bundle did not build`);
          const result = await visit(`app-${bundler}-modern-auto`, 'app.html', `app=modern-auto&bundle=${encodeURIComponent(b.url)}`);
          entry.runs[`modern, strict (${bundler} app, modern/auto)`] = checkRows(result);
          expect(result.items.length).to.equal(5);
          expect(failures(result)).to.deep.equal([]);
        });
        it(`${bundler} app, import 'websocket-shim/modern/auto' with the engine's EventTarget deleted: NotSupportedError, nothing installed, detect() says why`, async function () {
          const b = bundles.find((x) => x.bundler === bundler && x.app === 'modern-auto');
          if (b.error) throw new Error(`the ${bundler} bundle did not build`);
          const result = await visit(`app-${bundler}-modern-auto-refused`, 'app.html', `app=modern-auto&refuse=EventTarget&bundle=${encodeURIComponent(b.url)}`);
          expect(result.items.length).to.equal(9);
          expect(failures(result)).to.deep.equal([]);
        });
      }
      for (const bundler of engine.pages === 'es2015' ? [] : BUNDLERS) {
        it(`${bundler} app, ponyfill only: window.WebSocket stays native, the ponyfill class is the shim`, async function () {
          const b = bundles.find((x) => x.bundler === bundler && x.app === 'ponyfill');
          if (b.error) throw new Error(`the ${bundler} bundle did not build`);
          const result = await visit(`app-${bundler}-ponyfill`, 'app.html', `app=ponyfill&bundle=${encodeURIComponent(b.url)}`);
          expect(result.items.length).to.be.above(0);
          expect(result.results.length).to.be.above(0);
          expect(failures(result)).to.deep.equal([]);
        });
      }

      it("the script-tag build twice, then the ESM auto entry (CSP script-src 'self'): installs once", async function () {
        const result = await visit('install-once', 'install-once.html', 'csp=1');
        expect(result.items.length).to.be.above(10);
        expect(failures(result)).to.deep.equal([]);
        expect(scriptViolations(result), 'CSP violations').to.deep.equal([]);
      });

      it('uninstall() restores the native; a socket opened before keeps working', async function () {
        const result = await visit('uninstall', 'uninstall.html');
        expect(result.items.length).to.be.above(10);
        expect(failures(result)).to.deep.equal([]);
      });

      let plainDetect = null;
      it("regressions (issue 12), script tag: an engine's own event (document.createEvent) dispatched on a socket; detect() the same on every call", async function () {
        const result = await visit('legacy-regressions', 'legacy-regressions.html');
        plainDetect = result.detect;
        expect(result.items.length).to.equal(6);
        expect(failures(result)).to.deep.equal([]);
      });

      it('bug: a page element with id="Bun" (or a form id="Deno") was taken for the runtime: script tag, detect() as on a plain page, a connection echoes', async function () {
        const result = await visit('named-access', 'named-access.html');
        expect(result.items.length).to.equal(3);
        expect(failures(result)).to.deep.equal([]);
        const plain = plainDetect || (await visit('legacy-regressions', 'legacy-regressions.html')).detect;
        expect(result.detect).to.deep.equal(plain);
      });

      if (engine.id === 'qtwebkit') {
        it('the modern script-tag build refuses QtWebKit (no constructible EventTarget): NotSupportedError, the native kept, detect() says why', async function () {
          const result = await visit('umd-modern-refused', 'umd-modern-refused.html');
          expect(result.items.length).to.equal(10);
          expect(failures(result)).to.deep.equal([]);
        });

        it("QtWebKit's own WebSocket and host, as measured (README, Browsers)", async function () {
          const result = await visit('qtwebkit-native', 'qtwebkit-native.html');
          expect(result.items.length).to.equal(11);
          expect(failures(result)).to.deep.equal([]);
        });
      }

      it(`binary soak (seeded, 3 × ${SOAK_COUNT} messages: Blob, ArrayBuffer, views): shim keeps every byte in order`, async function () {
        const native = await visit('soak-native', 'soak-native.html', 'count=' + SOAK_COUNT);
        const shim = await visit('soak-shim', 'soak-shim.html', 'count=' + SOAK_COUNT);
        const summary = (r) => `${r.items.filter((x) => x.pass).length}/${r.items.length}`;
        entry.soak = { native: summary(native), shim: summary(shim) };
        const nativeBad = failures(native);
        console.log(`        native: ${nativeBad.length ? nativeBad.join('; ') : 'all passed'}`);
        expect(shim.items.length).to.equal(8);
        expect(failures(shim)).to.deep.equal([]);
      });
    });
  }

  describe('loopback (shared/BROWSERS.md)', function () {
    it("every resource the test pages loaded came from the test server on 127.0.0.1", function () {
      if (!pageResources.length) this.skip();
      const away = pageResources.filter(([, , url]) => ![...pageOrigins].some((o) => url.startsWith(o + '/')));
      expect(away.map((r) => r.join(' '))).to.deep.equal([]);
    });

    it("QtWebKit's driver: no request off 127.0.0.1 refused or sent to the sink", function () {
      if (!ENGINES.some((e) => e.pages === 'es2015' && (!ONLY || ONLY.includes(e.id)) && missing(e).length === 0)) this.skip();
      for (const r of refusedAway) console.log(`          tried to leave: ${r.join(' ')}`);
      expect(refusedAway.map((r) => r.join(' '))).to.deep.equal([]);
    });

    it('the proxy sink: no request from the test pages (background requests of the browsers listed)', function () {
      const all = sink.records();
      const host = new URL(server.httpUrl).host;
      const fromPages = all.filter((r) => [r.referer, r.origin].some((h) => h && h.includes(host)));
      const background = all.filter((r) => !fromPages.includes(r));
      console.log(`        proxy sink on ${sink.address}: ${all.length} request(s) held (answered 502, nothing forwarded)`);
      for (const line of formatRecords(background)) console.log(`          background: ${line}`);
      expect(formatRecords(fromPages)).to.deep.equal([]);
    });
  });
});
