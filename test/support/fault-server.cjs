// The fault server: a small controllable WebSocket server on 127.0.0.1, written on `net` and
// `ws`, that misbehaves on purpose (issue 10 "Fault server"). The path names the fault:
//
//   ws://127.0.0.1:<port>/<fault>?id=<name>
//
//   reset-before-handshake  TCP reset as soon as the request arrives (no response)
//   no-answer               the request is read and never answered
//   bad-accept              101 with a wrong Sec-WebSocket-Accept
//   unrequested-protocol    101 selecting the subprotocol "bogus", which the client did not offer
//   no-protocol             101 without Sec-WebSocket-Protocol although the client asked for one
//   http-401                HTTP 401 instead of 101
//   close-then-reset        after open: a Close frame 4001 "auth failed", then a TCP reset
//   close-and-hold          after open: "bye", a Close frame 4000 "later", TCP kept 400 ms
//   close-invalid-code      after open: a Close frame with the reserved code 1004
//   close-invalid-utf8      after open: a Close frame 1000 whose reason is not UTF-8
//   no-close-frame          after open: TCP closed (FIN) without a Close frame
//   reset-after-open        after open and the first message: TCP reset
//   big-message             after open: one 16 MiB binary message, then Close 1000
//   stop-reading            after open: the server stops reading for 600 ms, then reads and closes 1000 after "end"
//   ping-flood              after open: 10 000 pings; once every pong is back: "after pings", Close 1000
//   echo                    a well-behaved echo server (the control)
//   model                   echo, plus commands from the client (the fuzzer's server actions)
//
// Every connection is recorded under its id: the messages the server received (type, bytes),
// in order, and how the connection ended. Frames the server writes by hand are unmasked
// server frames (RFC 6455 §5.2). CommonJS, Node 10 syntax (the Node matrix runs it too).
'use strict';
const net = require('net');
const crypto = require('crypto');
const WS = require('ws');

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function acceptKey(key) {
  return crypto.createHash('sha1').update(key + GUID).digest('base64');
}

/** An unmasked server frame: FIN, opcode, payload. */
function frame(opcode, payload) {
  const len = payload.length;
  let head;
  if (len < 126) {
    head = Buffer.from([0x80 | opcode, len]);
  } else if (len < 65536) {
    head = Buffer.from([0x80 | opcode, 126, len >> 8, len & 255]);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeUInt32BE(Math.floor(len / 4294967296), 2);
    head.writeUInt32BE(len % 4294967296, 6);
  }
  return Buffer.concat([head, payload]);
}

/** A Close frame's payload: the code (2 bytes) and the reason bytes. */
function closePayload(code, reasonBytes) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code, 0);
  return Buffer.concat([b, reasonBytes || Buffer.alloc(0)]);
}

/** TCP reset where Node can (16.17+), else a plain destroy. */
function reset(socket) {
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

const HANDSHAKE_FAULTS = {
  'reset-before-handshake': function (socket) {
    reset(socket);
  },
  'no-answer': function (socket) {
    // Never answered; read on, so that the client's end of TCP is seen and answered.
    socket.on('data', function () {});
    socket.on('end', function () {
      socket.end();
    });
    socket.resume();
  },
  'bad-accept': function (socket, req) {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: ' + acceptKey(req.headers['sec-websocket-key'] + 'x') + '\r\n\r\n');
  },
  'unrequested-protocol': function (socket, req) {
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: ' + acceptKey(req.headers['sec-websocket-key']) + '\r\nSec-WebSocket-Protocol: bogus\r\n\r\n');
    // The client must fail the connection (RFC 6455 §4.1 step 6); a client that does not gets a Close.
    setTimeout(function () {
      socket.end();
    }, 300);
  },
  'no-protocol': function (socket, req) {
    // A valid 101 that selects no subprotocol although the client asked for some (issue 9).
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: ' + acceptKey(req.headers['sec-websocket-key']) + '\r\n\r\n');
    socket.on('data', function () {});
    socket.on('end', function () {
      socket.end();
    });
    socket.resume();
  },
  'http-401': function (socket) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  }
};

/** After open: what the server does with the connection (ws: the server-side ws socket). */
/**
 * ws answers the client's Close frame with one of its own: a server that already sent its Close
 * by hand must not send a second one (undici 6.11 crashes on data after its parser ended).
 */
function noCloseReply(ws) {
  ws._receiver.removeAllListeners('conclude');
  ws._receiver.on('conclude', function () {});
}

const OPEN_FAULTS = {
  'close-then-reset': function (ws) {
    noCloseReply(ws);
    ws._socket.write(frame(8, closePayload(4001, Buffer.from('auth failed'))), function () {
      setTimeout(function () {
        reset(ws._socket);
      }, 20);
    });
  },
  'close-and-hold': function (ws) {
    noCloseReply(ws);
    ws.send('bye');
    const s = ws._socket;
    s.write(frame(8, closePayload(4000, Buffer.from('later'))));
    setTimeout(function () {
      s.end();
    }, 400);
  },
  'close-invalid-code': function (ws) {
    ws._socket.write(frame(8, closePayload(1004, Buffer.from('reserved'))));
  },
  'close-invalid-utf8': function (ws) {
    ws._socket.write(frame(8, closePayload(1000, Buffer.from([0x61, 0xff, 0xfe, 0x62]))));
  },
  'no-close-frame': function (ws) {
    setTimeout(function () {
      ws._socket.end();
    }, 50);
  },
  'reset-after-open': function (ws, rec) {
    rec.onMessage = function () {
      reset(ws._socket);
    };
  },
  'big-message': function (ws) {
    const big = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = (i / 4096) & 255;
    ws.send(big, { binary: true }, function () {
      ws.close(1000, 'sent');
    });
  },
  'stop-reading': function (ws, rec) {
    ws._socket.pause();
    setTimeout(function () {
      ws._socket.resume();
    }, 600);
    rec.onMessage = function (type, buf) {
      if (type === 'text' && buf.toString() === 'end') ws.close(1000, 'all read');
    };
  },
  'ping-flood': function (ws, rec) {
    // Closed once every Pong came back (RFC 6455 §5.5.2: one Pong per Ping, in order).
    let pongs = 0;
    ws.on('pong', function () {
      pongs += 1;
      if (pongs === 10000) {
        rec.pongs = pongs;
        ws.send('after pings');
        ws.close(1000, 'flood over');
      }
    });
    for (let i = 0; i < 10000; i++) ws.ping(Buffer.from(String(i)));
  },
  // The fuzzer's server (test/fuzz/socket-model.test.mjs): echoes data; a text starting with
  // U+0001 is a command: "\u0001close:<code>:<reason>" closes, "\u0001reset" resets TCP.
  model: function (ws, rec) {
    rec.onMessage = function (type, buf) {
      const text = type === 'text' ? buf.toString() : '';
      if (text.charAt(0) !== '\u0001') return ws.send(buf, { binary: type === 'binary' });
      const m = /^\u0001close:(\d+):(.*)$/.exec(text);
      if (m) ws.close(+m[1], m[2]);
      else reset(ws._socket);
    };
  },
  echo: function (ws, rec) {
    rec.onMessage = function (type, buf) {
      ws.send(buf, { binary: type === 'binary' });
    };
  }
};

/** One connection: the request read, then the fault its path names. */
function handle(ctx, socket, headBuf, rest) {
  const wss = ctx.wss;
  const recordFor = ctx.recordFor;
  const finish = ctx.finish;
  const lines = headBuf.toString('latin1').split('\r\n');
  const target = lines[0].split(' ')[1] || '/';
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const m = /^([^:]+):\s*(.*)$/.exec(lines[i]);
    if (m) headers[m[1].toLowerCase()] = m[2];
  }
  const u = new (require('url').URL)(target, 'http://127.0.0.1');
  const fault = u.pathname.slice(1);
  const rec = recordFor(u.searchParams.get('id') || 'anonymous');
  rec.fault = fault;
  rec.protocolsOffered = headers['sec-websocket-protocol'] === undefined ? null : headers['sec-websocket-protocol'];
  socket.on('close', function () {
    // After ws's own 'close' (which records the code), if there is one.
    setTimeout(function () {
      finish(rec, { tcp: 'closed' });
    }, 20);
  });
  if (HANDSHAKE_FAULTS[fault]) {
    HANDSHAKE_FAULTS[fault](socket, { headers: headers });
    return;
  }
  const req = new (require('http').IncomingMessage)(socket);
  req.method = 'GET';
  req.url = target;
  req.headers = headers;
  if (rest.length) socket.unshift(rest);
  wss.handleUpgrade(req, socket, Buffer.alloc(0), function (ws) {
    rec.upgraded = true;
    socket.resume();
    ws.on('error', function (e) {
      rec.serverError = e.message;
    });
    ws.on('message', function (data, isBinary) {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      const type = isBinary === undefined ? (typeof data === 'string' ? 'text' : 'binary') : isBinary ? 'binary' : 'text';
      rec.messages.push({ type: type, length: buf.length, sha1: crypto.createHash('sha1').update(buf).digest('hex') });
      if (rec.onMessage) rec.onMessage(type, buf);
    });
    ws.on('close', function (code, reason) {
      finish(rec, { code: code, reason: String(reason) });
    });
    (OPEN_FAULTS[fault] || OPEN_FAULTS.echo)(ws, rec);
  });
}
/**
 * Starts the fault server. Resolves with { port, url(fault, id), record(id), ended(id), close() }.
 */
function startFaultServer() {
  const records = {};
  const sockets = [];
  const wss = new WS.Server({ noServer: true, perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
  function recordFor(id) {
    if (!records[id]) records[id] = { messages: [], end: null, waiters: [], onMessage: null, upgraded: false };
    return records[id];
  }
  function finish(rec, how) {
    if (rec.end) return;
    rec.end = how;
    const w = rec.waiters.splice(0);
    for (let i = 0; i < w.length; i++) w[i]();
  }
  const ctx = { wss: wss, recordFor: recordFor, finish: finish };
  const server = net.createServer(function (socket) {
    sockets.push(socket);
    socket.on('error', function () {});
    let head = Buffer.alloc(0);
    function onData(chunk) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.removeListener('data', onData);
      socket.pause();
      handle(ctx, socket, head.slice(0, end + 4), head.slice(end + 4));
    }
    socket.on('data', onData);
  });
  return new Promise(function (resolve) {
    server.listen(0, '127.0.0.1', function () {
      const port = server.address().port;
      resolve({
        port: port,
        url: function (fault, id) {
          return 'ws://127.0.0.1:' + port + '/' + fault + '?id=' + encodeURIComponent(id);
        },
        record: function (id) {
          return recordFor(id);
        },
        /** Resolves with the record once the connection ended (or after ms). */
        ended: function (id, ms) {
          const rec = recordFor(id);
          if (rec.end) return Promise.resolve(rec);
          return new Promise(function (res) {
            const t = setTimeout(function () {
              res(rec);
            }, ms || 5000);
            rec.waiters.push(function () {
              clearTimeout(t);
              res(rec);
            });
          });
        },
        close: function () {
          for (let i = 0; i < sockets.length; i++) sockets[i].destroy();
          return new Promise(function (res) {
            server.close(function () {
              res();
            });
          });
        }
      });
    });
  });
}

module.exports = { startFaultServer: startFaultServer, frame: frame, closePayload: closePayload };
