// The three real browser engines the browser suite drives, each held on 127.0.0.1 as
// shared/BROWSERS.md says, behind one small interface:
//
//   const session = await launch(engine, { sinkAddress })
//   await session.load(url, { timeoutMs })   navigate, wait for the page's window.__result, return it
//   await session.screenshot(file)           PNG of what the page shows
//   session.version                          the engine and its version
//   await session.close()                    quit the browser (and its driver, by PID)
//
// Chromium: playwright-core over CDP. Firefox ESR: puppeteer-core over WebDriver BiDi.
// WebKitGTK: selenium-webdriver talking to WebKitWebDriver under xvfb-run (MiniBrowser).
// QtWebKit 5.212 (a WebKit of 2016): a QWebPage in Debian's /usr/bin/python3 (PyQt5), driven
// by qtwebkit-driver.py over JSON lines; it runs the ES2015 build of the pages
// (qtwebkit-pages.mjs), so its entry says `pages: 'es2015'`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { closedPort } from '../../../conformance/server.mjs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export const ENGINES = [
  {
    id: 'chromium',
    label: 'Chromium',
    debian: 'chromium',
    needs: ['/usr/bin/chromium']
  },
  {
    id: 'firefox',
    label: 'Firefox ESR',
    debian: 'firefox-esr',
    needs: ['/usr/bin/firefox-esr']
  },
  {
    id: 'webkit',
    label: 'WebKitGTK',
    debian: 'webkit2gtk-driver xvfb',
    needs: ['/usr/bin/WebKitWebDriver', MINIBROWSER, '/usr/bin/xvfb-run']
  },
  {
    id: 'qtwebkit',
    label: 'QtWebKit',
    debian: 'python3-pyqt5.qtwebkit',
    needs: ['/usr/bin/python3', '/usr/lib/python3/dist-packages/PyQt5/QtWebKitWidgets.abi3.so'],
    // ES2015 only and no ES modules: the pages' ES2015 build; the bundler apps (ES modules of
    // today's toolchains) are not run there.
    pages: 'es2015'
  }
];

/** The files an engine needs that are not on this machine ([] when it can run). */
export function missing(engine) {
  return engine.needs.filter((f) => !existsSync(f));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` (async, returns a JSON string or null) until it gives a value. */
async function pollResult(probe, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const json = await probe();
    if (json) return JSON.parse(json);
    if (Date.now() > end) throw new Error(`timeout after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

const RESULT_PROBE = 'return window.__result === undefined ? null : JSON.stringify(window.__result)';
// The same, as a function for playwright and puppeteer (they run it in the page).
const readResult = () => (window.__result === undefined ? null : JSON.stringify(window.__result));

export async function launch(engine, opts) {
  if (engine.id === 'chromium') return launchChromium(opts);
  if (engine.id === 'firefox') return launchFirefox(opts);
  if (engine.id === 'webkit') return launchWebKit(opts);
  if (engine.id === 'qtwebkit') return launchQtWebKit(opts);
  throw new Error('unknown engine ' + engine.id);
}

// --- Chromium ------------------------------------------------------------------------------

async function launchChromium({ sinkAddress }) {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'ws-shim-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1000, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // No name but loopback resolves ...
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      // ... and what still tries to go out (by name or by address) goes to the sink, which
      // records it. Loopback bypasses the proxy (Chromium's implicit rule, said again here).
      `--proxy-server=http://${sinkAddress}`,
      '--proxy-bypass-list=127.0.0.1;localhost'
    ]
  });
  const page = context.pages()[0] || (await context.newPage());
  const userAgent = await page.evaluate(() => navigator.userAgent);
  let version = 'Chromium';
  try {
    // "Chromium 156.0.8078.108 built on Debian ..." (the user agent says only "156.0.0.0").
    version = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' built')[0];
  } catch (e) {
    // keep the name
  }
  return {
    version,
    userAgent,
    async load(url, { timeoutMs = 60000 } = {}) {
      await page.goto(url, { timeout: timeoutMs });
      return pollResult(() => page.evaluate(readResult), timeoutMs, url);
    },
    async screenshot(file) {
      await page.screenshot({ path: file, fullPage: true });
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  };
}

// --- Firefox ESR ---------------------------------------------------------------------------

function firefoxPrefs(sinkAddress) {
  const [host, port] = sinkAddress.split(':');
  const off = [
    'network.captive-portal-service.enabled',
    'network.connectivity-service.enabled',
    'app.update.auto',
    'app.update.enabled',
    'extensions.update.enabled',
    'extensions.systemAddon.update.enabled',
    'extensions.blocklist.enabled',
    'toolkit.telemetry.enabled',
    'datareporting.policy.dataSubmissionEnabled',
    'datareporting.healthreport.uploadEnabled',
    'app.normandy.enabled',
    'browser.safebrowsing.update.enabled',
    'browser.safebrowsing.malware.enabled',
    'browser.safebrowsing.phishing.enabled',
    'browser.safebrowsing.downloads.enabled',
    'media.gmp-manager.updateEnabled',
    'dom.push.connection.enabled',
    'browser.region.network.scan',
    'browser.search.update',
    'network.predictor.enabled'
  ];
  const prefs = {
    // Everything that is not loopback goes to the sink, which answers 502 and records it.
    'network.proxy.type': 1,
    'network.proxy.http': host,
    'network.proxy.http_port': +port,
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': +port,
    'network.proxy.no_proxies_on': '127.0.0.1,localhost',
    'network.proxy.allow_hijacking_localhost': false,
    'network.proxy.failover_direct': false,
    // No DNS over HTTPS, no prefetching or speculative connections, no HTTP/3.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.http.http3.enable': false,
    'services.settings.server': 'data:,#remote-settings-off',
    'security.OCSP.enabled': 0,
    // The report is read from the page, not from a dialog or a background tab.
    'dom.min_background_timeout_value': 4
  };
  for (const k of off) prefs[k] = false;
  return prefs;
}

async function launchFirefox({ sinkAddress }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    // puppeteer makes a fresh profile in a temporary folder and removes it on close.
    extraPrefsFirefox: firefoxPrefs(sinkAddress),
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    defaultViewport: { width: 1000, height: 1000 }
  });
  let page = null;
  const version = (await browser.version()).replace(/^firefox\//i, 'Firefox ESR ');
  return {
    version,
    async load(url, { timeoutMs = 60000 } = {}) {
      // Each test page in a window of its own, in front: a background tab's timers are
      // throttled to one a second (BROWSERS.md).
      if (page) await page.close();
      page = await browser.newPage({ type: 'window' });
      await page.goto(url, { timeout: timeoutMs });
      return pollResult(() => page.evaluate(readResult), timeoutMs, url);
    },
    async screenshot(file) {
      await page.screenshot({ path: file, fullPage: true });
    },
    async close() {
      await browser.close();
    }
  };
}

// --- WebKitGTK -----------------------------------------------------------------------------

/** The PID of `parent`'s child process whose command is `name` (null when none). */
function childPid(parent, name) {
  try {
    const kids = readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const k of kids) {
      const comm = readFileSync(`/proc/${k}/comm`, 'utf8').trim();
      if (comm === name || name.startsWith(comm)) return +k;
    }
  } catch (e) {
    // not there (yet)
  }
  return null;
}

/** WebKitWebDriver under `xvfb-run -a` on a free port; stop() ends it by its PID. */
async function startWebKitDriver() {
  const port = await closedPort();
  const xvfb = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'pipe']
  });
  let stderr = '';
  xvfb.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => xvfb.on('exit', resolve));
  let driverPid = null;
  // Should this process end without close() (a crash, a killed run), the driver goes too.
  const onExit = () => {
    if (driverPid) {
      try {
        process.kill(driverPid, 'SIGTERM');
      } catch (e) {
        // already gone
      }
    }
  };
  process.on('exit', onExit);
  async function stop() {
    // The driver by its PID; xvfb-run then stops Xvfb and exits.
    const pid = driverPid || childPid(xvfb.pid, 'WebKitWebDriver');
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch (e) {
        // already gone
      }
    }
    await Promise.race([exited, sleep(10000)]);
    process.removeListener('exit', onExit);
  }
  // Wait for the driver to answer.
  const end = Date.now() + 20000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch (e) {
      // not listening yet
    }
    if (xvfb.exitCode !== null) throw new Error('WebKitWebDriver exited: ' + stderr);
    if (Date.now() > end) {
      await stop();
      throw new Error('WebKitWebDriver did not start: ' + stderr);
    }
    await sleep(100);
  }
  driverPid = childPid(xvfb.pid, 'WebKitWebDriver');
  return { port, stop };
}

async function launchWebKit({ sinkAddress }) {
  const { Builder, Capabilities } = await import('selenium-webdriver');
  const caps = new Capabilities({
    browserName: 'MiniBrowser',
    acceptInsecureCerts: true,
    proxy: { proxyType: 'manual', httpProxy: sinkAddress, sslProxy: sinkAddress, noProxy: ['127.0.0.1', 'localhost'] },
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] }
  });
  // WebKitWebDriver 2.50 now and then never answers the new-session request (about one
  // launch in eight here, in bursts; it idles in its main loop and never starts MiniBrowser).
  // Such a driver is stopped by its PID and a new one started.
  let driver = null;
  let server = null;
  for (let attempt = 1; !driver; attempt++) {
    server = await startWebKitDriver();
    const session = new Builder().usingServer(`http://127.0.0.1:${server.port}`).withCapabilities(caps).build();
    const outcome = await Promise.race([
      session.then(
        (d) => ({ d }),
        (e) => ({ e })
      ),
      sleep(10000).then(() => ({ e: new Error('no session after 10 s') }))
    ]);
    if (outcome.d) {
      driver = outcome.d;
      break;
    }
    session.catch(() => {});
    await server.stop();
    if (attempt === 5) throw new Error('WebKitWebDriver: ' + outcome.e.message + ' (5 attempts)');
    console.log(`      (WebKitWebDriver: ${outcome.e.message}; starting it again)`);
    await sleep(1000);
  }
  const stop = server.stop;
  let userAgent;
  let version;
  try {
    await driver.manage().window().setRect({ width: 1000, height: 1000 }).catch(() => {});
    userAgent = await driver.executeScript('return navigator.userAgent');
    const granted = await driver.getCapabilities();
    version = 'WebKitGTK ' + (granted.get('browserVersion') || '?') + ' (MiniBrowser)';
  } catch (e) {
    await driver.quit().catch(() => {});
    await stop();
    throw e;
  }
  return {
    version,
    userAgent,
    async load(url, { timeoutMs = 60000 } = {}) {
      await driver.get(url);
      return pollResult(() => driver.executeScript(RESULT_PROBE), timeoutMs, url);
    },
    async screenshot(file) {
      writeFileSync(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
    },
    async close() {
      try {
        await driver.quit();
      } finally {
        await stop();
      }
    }
  };
}

// --- QtWebKit 5.212 ------------------------------------------------------------------------

const QTWEBKIT_DRIVER = join(dirname(fileURLToPath(import.meta.url)), 'qtwebkit-driver.py');

async function launchQtWebKit({ sinkAddress }) {
  const child = spawn('/usr/bin/python3', [QTWEBKIT_DRIVER, sinkAddress], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'ws-shim-qt-')) }
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const waiting = new Map(); // id -> resolve
  const away = []; // what tried to leave 127.0.0.1
  const consoleLines = [];
  let ready;
  const readyP = new Promise((resolve) => (ready = resolve));
  let buf = '';
  child.stdout.on('data', (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      if (!line.trim()) continue;
      const msg = JSON.parse(line);
      if (msg.event === 'ready') ready(msg);
      else if (msg.event === 'console') consoleLines.push(msg);
      else if (msg.event === 'away') away.push(msg);
      else if (waiting.has(msg.id)) {
        waiting.get(msg.id)(msg);
        waiting.delete(msg.id);
      }
    }
  });
  const onExit = () => {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch (e) {
      // already gone
    }
  };
  process.on('exit', onExit);
  let nextId = 0;
  function send(cmd, args = {}, timeoutMs = 30000) {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`qtwebkit-driver: no answer to ${cmd} in ${timeoutMs} ms`));
      }, timeoutMs);
      waiting.set(id, (msg) => {
        clearTimeout(timer);
        if (msg.error) reject(new Error('qtwebkit-driver: ' + msg.error));
        else resolve(msg);
      });
      child.stdin.write(JSON.stringify({ id, cmd, ...args }) + '\n');
    });
  }
  const hello = await Promise.race([readyP, exited.then(() => Promise.reject(new Error('qtwebkit-driver exited: ' + stderr))), sleep(20000).then(() => Promise.reject(new Error('qtwebkit-driver did not start: ' + stderr)))]);
  return {
    version: 'QtWebKit 5.212 (AppleWebKit/' + hello.version + ', PyQt5)',
    userAgent: hello.userAgent,
    pages: 'es2015',
    /** Requests the engine tried to make off 127.0.0.1 (refused by the driver or sent to the sink). */
    away: () => away.slice(),
    console: () => consoleLines.slice(),
    async load(url, { timeoutMs = 60000 } = {}) {
      const from = consoleLines.length;
      const loaded = await send('load', { url }, timeoutMs);
      if (!loaded.ok) throw new Error('QtWebKit did not load ' + url);
      try {
        return await pollResult(async () => (await send('eval', { js: RESULT_PROBE.replace(/^return /, '') })).value, timeoutMs, url);
      } catch (e) {
        const lines = consoleLines.slice(from).map((c) => `${c.source}:${c.line} ${c.message}`);
        throw new Error(e.message + (lines.length ? '; console: ' + lines.join(' | ') : ''));
      }
    },
    async screenshot(file) {
      await send('screenshot', { file });
    },
    async close() {
      try {
        await send('quit', {}, 5000);
      } catch (e) {
        // it is stopped below
      }
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGTERM');
      process.removeListener('exit', onExit);
    }
  };
}
