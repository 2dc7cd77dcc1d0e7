// The test server: a real `ws` WebSocket server on 127.0.0.1 (port 0 by default) that
// echoes and records exactly what it receives, so tests assert bytes on the wire.
//
// WebSocket URL: ws://127.0.0.1:<port>/<anything>?<options>
//   id=<name>          record this connection under <name> (see GET /log/<name>)
//   echo=0             do not echo (default: every message is echoed with its frame type)
//   proto=first        select the first offered subprotocol (default: none selected)
//   proto=other        select 'unoffered', a subprotocol the client did not offer
//   proto=force        answer with Sec-WebSocket-Protocol 'unoffered' even when none was offered
//   close=<code>       close right after open with this code (and reason=<text>, optional)
//   closeEmpty=1       close right after open with a close frame without a body
//   drop=1             destroy the TCP connection 250 ms after open (no close frame)
//   delayClose=<ms>    wait this long before answering the client's close frame
// HTTP:
//   GET /log/<name>[?wait=1]   JSON record; wait=1 waits (up to 10 s) until the connection ended
//   GET /static/<path>         files under the project root (browser tests), with CSP header option ?csp=1
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createNetServer } from 'node:net';
import { WebSocketServer } from 'ws';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

export async function startServer({ port = 0, host = '127.0.0.1' } = {}) {
  const logs = new Map(); // name -> record
  const waiters = new Map(); // name -> [resolve]

  function record(name) {
    if (!logs.has(name)) {
      logs.set(name, { connected: false, protocolsOffered: null, frames: [], close: null, ended: false });
    }
    return logs.get(name);
  }
  function ended(name) {
    record(name).ended = true;
    for (const fn of waiters.get(name) || []) fn();
    waiters.delete(name);
  }

  const http = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const logMatch = /^\/log\/([^/]+)$/.exec(url.pathname);
    if (logMatch) {
      const name = decodeURIComponent(logMatch[1]);
      if (url.searchParams.get('wait') === '1' && !(logs.get(name) || {}).ended) {
        await new Promise((resolve) => {
          const list = waiters.get(name) || [];
          list.push(resolve);
          waiters.set(name, list);
          setTimeout(resolve, 10000).unref();
        });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      res.end(JSON.stringify(logs.get(name) || null));
      return;
    }
    if (url.pathname.startsWith('/static/')) {
      const rel = normalize(decodeURIComponent(url.pathname.slice('/static/'.length)));
      if (rel.startsWith('..')) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(join(root, rel));
        const headers = { 'content-type': TYPES[extname(rel)] || 'application/octet-stream', 'cache-control': 'no-store' };
        if (url.searchParams.get('csp') === '1') {
          headers['content-security-policy'] = "default-src 'self'; script-src 'self'; connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*";
        }
        res.writeHead(200, headers);
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    res.writeHead(404).end();
  });

  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols, req) => {
      const url = new URL(req.url, 'http://127.0.0.1');
      const proto = url.searchParams.get('proto');
      return proto === 'first' ? [...protocols][0] : proto === 'other' ? 'unoffered' : false;
    }
  });
  wss.on('headers', (headers, req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.searchParams.get('proto') === 'force' && !headers.some((h) => /^sec-websocket-protocol:/i.test(h))) {
      headers.push('Sec-WebSocket-Protocol: unoffered');
    }
  });

  wss.on('connection', (socket, req) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const q = url.searchParams;
    const name = q.get('id');
    const rec = name ? record(name) : null;
    if (rec) {
      rec.connected = true;
      const offered = req.headers['sec-websocket-protocol'];
      rec.protocolsOffered = offered === undefined ? null : offered;
      rec.path = url.pathname;
      rec.origin = req.headers.origin === undefined ? null : req.headers.origin;
      rec.xTest = req.headers['x-test'] === undefined ? null : req.headers['x-test'];
    }
    socket.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      if (rec) rec.frames.push({ type: isBinary ? 'binary' : 'text', hex: buf.toString('hex'), length: buf.length });
      if (q.get('echo') !== '0') socket.send(buf, { binary: isBinary });
    });
    if (q.get('delayClose')) {
      // Answer the client's close later: keep the connection in CLOSING on the client.
      const ms = +q.get('delayClose');
      socket._receiver.removeAllListeners('conclude');
      socket._receiver.on('conclude', (code, reason) => {
        // As ws's own handler does: the peer's close frame is in, so ws ends TCP after replying.
        socket._closeFrameReceived = true;
        if (rec) rec.close = { code, reasonHex: Buffer.from(reason).toString('hex'), hadBody: code !== 1005 };
        setTimeout(() => socket.close(code === 1005 ? undefined : code, reason), ms);
      });
    }
    socket.on('close', (code, reason) => {
      if (rec && !rec.close) rec.close = { code, reasonHex: Buffer.from(reason).toString('hex'), hadBody: code !== 1005 && code !== 1006 };
      if (name) ended(name);
    });
    socket.on('error', () => {});
    if (q.get('close')) socket.close(+q.get('close'), q.get('reason') || undefined);
    else if (q.get('closeEmpty') === '1') socket.close();
    // A moment after open, so the client has seen it: Firefox fires no open at all when the TCP
    // connection ends right behind the 101 response (test/browsers).
    else if (q.get('drop') === '1') setTimeout(() => socket.terminate(), 250);
  });

  await new Promise((resolve) => http.listen(port, host, resolve));
  const address = http.address();
  return {
    port: address.port,
    url: `ws://${host}:${address.port}`,
    httpUrl: `http://${host}:${address.port}`,
    /** The record of a connection; wait=true waits until it ended. */
    async log(name, wait = true) {
      if (wait && !(logs.get(name) || {}).ended) {
        await new Promise((resolve) => {
          const list = waiters.get(name) || [];
          list.push(resolve);
          waiters.set(name, list);
          setTimeout(resolve, 10000).unref();
        });
      }
      return logs.get(name) || null;
    },
    close() {
      for (const c of wss.clients) c.terminate();
      return new Promise((resolve) => {
        wss.close(() => http.close(() => resolve()));
        http.closeAllConnections?.();
      });
    }
  };
}

// `node conformance/server.mjs [port]`: run it by hand. (No top-level await: the module
// must stay loadable with require() on Node 20.19+.)
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startServer({ port: +(process.argv[2] || 0) }).then((s) => {
    console.log(`test server on ${s.url} (HTTP ${s.httpUrl})`);
  });
}

/** A port on `host` where nothing listens (bound, then released): a refused connection. */
export function closedPort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
