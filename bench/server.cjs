// The benchmark server, in its own process so the client's CPU is measured alone. A `ws`
// server on 127.0.0.1 (port 0; prints "PORT <n>" on stdout). Every connection is controlled by
// text messages that start with "\u0000" (never a benchmark payload):
//
//   \u0000END            the client sent everything: reply \u0000{"count","bytes","sha1"} of all
//                        data messages received since the last END (text as UTF-8 bytes, binary
//                        as is), so the client checks every byte arrived, in order
//   \u0000GO <n> <size> <kind> [<char>]
//                        send n messages of `size` bytes: kind 'text' (ASCII 'x', or `char`
//                        repeated: an astral character counts 4 bytes) or 'binary'; then
//                        \u0000DONE <n> <bytes>
// HTTP: GET /bench/<file> and /dist/<file> serve the browser page (bench/page.html) and the build.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { WebSocketServer } = require('ws');

const root = path.join(__dirname, '..');
const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript' };
const server = http.createServer((req, res) => {
  const rel = path.normalize(decodeURIComponent(req.url.split('?')[0])).replace(/^\/+/, '');
  if (!/^(bench|dist)\//.test(rel) || rel.includes('..')) return res.writeHead(404).end();
  fs.readFile(path.join(root, rel), (err, body) => {
    if (err) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(rel)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(body);
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });

function payload(size, kind, ch) {
  if (kind === 'binary') {
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i++) b[i] = i & 0xff;
    return b;
  }
  const c = ch || 'x';
  const unit = Buffer.byteLength(c);
  return c.repeat(Math.max(1, Math.floor(size / unit)));
}

/** An unmasked server frame (RFC 6455 §5.2): FIN, opcode 1 (text) or 2 (binary). */
function frame(payloadBytes, binary) {
  const n = payloadBytes.length;
  const head = n < 126 ? Buffer.from([0, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  head[0] = 0x80 | (binary ? 2 : 1);
  if (n >= 126 && n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payloadBytes]);
}

let lastBurst = { cmd: null, bytes: null };
/** "GO n size kind [char]" → n data frames then the DONE frame, as one Buffer (the last one kept). */
function burst(cmd) {
  if (lastBurst.cmd === cmd) return lastBurst.bytes;
  const [, n, size, kind, ch] = cmd.split(' ');
  const binary = kind === 'binary';
  const data = binary ? payload(+size, kind) : Buffer.from(payload(+size, kind, ch), 'utf8');
  const one = frame(data, binary);
  const len = data.length;
  const out = Buffer.allocUnsafe(one.length * +n);
  for (let i = 0; i < +n; i++) one.copy(out, i * one.length);
  const bytes = Buffer.concat([out, frame(Buffer.from('\u0000DONE ' + n + ' ' + len * +n, 'utf8'), false)]);
  lastBurst = { cmd, bytes };
  return bytes;
}

wss.on('connection', (socket, req) => {
  const raw = req.socket;
  let count = 0;
  let bytes = 0;
  let hash = crypto.createHash('sha1');
  socket.on('message', (data, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (!isBinary && buf[0] === 0) {
      const cmd = buf.toString('utf8', 1);
      if (cmd === 'END') {
        socket.send('\u0000' + JSON.stringify({ count, bytes, sha1: hash.digest('hex') }));
        count = 0;
        bytes = 0;
        hash = crypto.createHash('sha1');
      } else if (cmd.startsWith('GO ')) {
        // All n frames and DONE, made once and written in one go on the TCP socket (nothing
        // else is being sent then): the server's own cost per message is ~0, so the figure is
        // the client's, not the rate at which this process could frame messages.
        raw.write(burst(cmd));
      }
      return;
    }
    count++;
    bytes += buf.length;
    hash.update(buf);
  });
  socket.on('error', () => {});
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
