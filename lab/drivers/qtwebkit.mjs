// QtWebKit 5.212 behind the same small interface as test/browsers/lib/engines.mjs's launch():
//   const s = await launchQtWebKit({ sinkAddress }); await s.load(url, { timeoutMs, screenshot });
// Each load is one run of lab/drivers/qtwebkit.py (PyQt5's QtWebKitWidgets, offscreen), which
// prints window.__result and the page's console, and saves the screenshot. Debian's
// /usr/bin/python3 (python3-pyqt5.qtwebkit), not a pyenv python3 on PATH.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'qtwebkit.py');

export const QTWEBKIT = { id: 'qtwebkit', label: 'QtWebKit', debian: 'python3-pyqt5.qtwebkit' };

/** Whether PyQt5's QtWebKit is importable by Debian's python3. */
export function qtWebKitAvailable() {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import PyQt5.QtWebKitWidgets'], { stdio: 'ignore', env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
    return true;
  } catch (e) {
    return false;
  }
}

function runPage(url, screenshot, timeoutMs, sinkAddress) {
  return new Promise((resolve, reject) => {
    const args = [SCRIPT, url, screenshot || '-', String(timeoutMs / 1000), sinkAddress];
    const env = { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR || '/tmp' };
    execFile(PYTHON, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs + 30000 }, (err, stdout, stderr) => {
      let out = null;
      try {
        out = JSON.parse(stdout);
      } catch (e) {
        return reject(new Error(`qtwebkit.py: ${err ? err.message : 'no JSON'}\n${stderr.slice(-2000)}`));
      }
      if (!out.result) return reject(new Error(`QtWebKit: no window.__result after ${timeoutMs} ms; console: ${out.console.join(' | ')}`));
      resolve(out);
    });
  });
}

export async function launchQtWebKit({ sinkAddress }) {
  const probe = execFileSync(PYTHON, ['-c', 'from PyQt5.QtWebKit import qWebKitVersion; from PyQt5.QtCore import QT_VERSION_STR; print(qWebKitVersion(), QT_VERSION_STR)'], {
    encoding: 'utf8',
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }
  }).trim();
  const [webkit, qt] = probe.split(' ');
  const session = {
    version: `QtWebKit 5.212 (WebKit ${webkit}, Qt ${qt})`,
    userAgent: null,
    console: [],
    lastScreenshot: null,
    /** Loads `url`; resolves with window.__result. `screenshot`: a PNG path for this load. */
    async load(url, { timeoutMs = 120000, screenshot } = {}) {
      const out = await runPage(url, screenshot, timeoutMs, sinkAddress);
      session.userAgent = out.userAgent;
      session.console = out.console;
      return out.result;
    },
    async close() {}
  };
  return session;
}
