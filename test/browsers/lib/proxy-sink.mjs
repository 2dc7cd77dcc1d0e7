// The loopback proxy sink (shared/BROWSERS.md): an HTTP proxy on 127.0.0.1 that every browser
// under test is pointed at for anything that is not loopback. It forwards nothing: it answers
// 502 to every request and CONNECT, and records what it got, so a run that tried to leave
// 127.0.0.1 says so in the test output.
import { createServer } from 'node:http';

export async function startProxySink() {
  const records = [];
  let phase = null;
  const note = (kind, req) => {
    records.push({
      at: new Date().toISOString(),
      phase,
      kind,
      method: req.method,
      target: req.url,
      host: req.headers.host || null,
      origin: req.headers.origin || null,
      referer: req.headers.referer || null,
      userAgent: req.headers['user-agent'] || null
    });
  };
  const server = createServer((req, res) => {
    note('request', req);
    req.resume();
    res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
    res.end('loopback proxy sink: nothing leaves 127.0.0.1\n');
  });
  server.on('connect', (req, socket) => {
    note('connect', req);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  server.on('upgrade', (req, socket) => {
    note('upgrade', req);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  server.on('clientError', (err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    address: `127.0.0.1:${port}`,
    /** Everything recorded so far (or since index `from`). */
    records(from = 0) {
      return records.slice(from);
    },
    get count() {
      return records.length;
    },
    /** Names what runs now (an engine): each record says during which phase it came. */
    setPhase(name) {
      phase = name;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    }
  };
}

/** One line per record, for the test output. */
export function formatRecords(list) {
  return list.map((r) => `${r.phase ? `[${r.phase}] ` : ''}${r.kind} ${r.method} ${r.target}${r.referer ? ` (referer ${r.referer})` : ''}${r.origin ? ` (origin ${r.origin})` : ''}`);
}
