// The Fetch Standard's bad-port list (test/support/bad-ports.json) and listeners on those
// ports, to prove that a WebSocket to a bad port never reaches the network: every connection
// a listener accepts is recorded. Node 10 syntax (the integration suites run on old Node too).
'use strict';
const net = require('net');
const fs = require('fs');

const BAD_PORTS = require('./bad-ports.json').ports;

/**
 * Listens on 127.0.0.1 on every port it can of `ports` (port 0 means "any port" to the OS and
 * cannot be listened on; ports below 1024 need root; a port in use is left out). Where every
 * port is in use, another run holds them (the Node matrix runs backends side by side): it
 * tries again until they are free, for up to `waitMs`. Resolves with
 * { listening, notListening: [[port, reason]], connections: [port], close() }.
 */
function listenOnPorts(ports, waitMs) {
  const until = Date.now() + (waitMs === undefined ? 60000 : waitMs);
  function attempt() {
    return listenOnce(ports).then(function (l) {
      const allBusy = l.listening.length === 0 && l.notListening.every(function (p) {
        return p[0] === 0 || p[1] === 'EADDRINUSE';
      });
      if (!allBusy || Date.now() > until) return l;
      return l.close().then(function () {
        return new Promise(function (resolve) {
          setTimeout(resolve, 250 + Math.floor(Math.random() * 250));
        });
      }).then(attempt);
    });
  }
  return attempt();
}

function listenOnce(ports) {
  const servers = [];
  const listening = [];
  const notListening = [];
  const connections = [];
  const foreign = [];
  return Promise.all(
    ports.map(function (port) {
      if (port === 0) {
        notListening.push([0, 'port 0 cannot be listened on (it asks the OS for any port)']);
        return null;
      }
      return new Promise(function (resolve) {
        const srv = net.createServer(function (sock) {
          // The machine is shared: a connection from a process outside this test's tree (another
          // suite dialling 127.0.0.1:1 through a raw engine) is recorded apart, not counted.
          const from = connectingPid(sock.remotePort);
          if (from === null || isOurs(from)) connections.push(port);
          else foreign.push([port, from]);
          sock.destroy();
        });
        srv.on('error', function (e) {
          notListening.push([port, e.code || String(e)]);
          resolve();
        });
        srv.listen(port, '127.0.0.1', function () {
          servers.push(srv);
          listening.push(port);
          resolve();
        });
      });
    })
  ).then(function () {
    listening.sort(function (a, b) {
      return a - b;
    });
    return {
      listening: listening,
      notListening: notListening,
      connections: connections,
      foreign: foreign,
      close: function () {
        return Promise.all(
          servers.map(function (s) {
            return new Promise(function (resolve) {
              s.close(function () {
                resolve();
              });
            });
          })
        );
      }
    };
  });
}

/** Linux: the PID owning the 127.0.0.1 TCP socket with this local port (the client side), or null. */
function connectingPid(localPort) {
  try {
    const hex = ':' + ('0000' + localPort.toString(16).toUpperCase()).slice(-4);
    const lines = fs.readFileSync('/proc/net/tcp', 'utf8').split('\n');
    let inode = null;
    for (let i = 1; i < lines.length; i++) {
      const f = lines[i].trim().split(/\s+/);
      if (f[1] && f[1].slice(-5) === hex) {
        inode = f[9];
        break;
      }
    }
    if (!inode || inode === '0') return null;
    const target = 'socket:[' + inode + ']';
    const pids = fs.readdirSync('/proc').filter(function (d) {
      return /^\d+$/.test(d);
    });
    for (let j = 0; j < pids.length; j++) {
      let fds;
      try {
        fds = fs.readdirSync('/proc/' + pids[j] + '/fd');
      } catch (e) {
        continue;
      }
      for (let k = 0; k < fds.length; k++) {
        try {
          if (fs.readlinkSync('/proc/' + pids[j] + '/fd/' + fds[k]) === target) return +pids[j];
        } catch (e) {
          // gone
        }
      }
    }
  } catch (e) {
    // not Linux, or /proc unreadable: unknown
  }
  return null;
}

/** Whether `pid` is this process or one of its descendants (the browsers the test started). */
function isOurs(pid) {
  for (let p = pid, n = 0; p > 1 && n < 64; n++) {
    if (p === process.pid) return true;
    try {
      p = +/^\d+ \(.*\) \S (\d+)/.exec(fs.readFileSync('/proc/' + p + '/stat', 'utf8'))[1];
    } catch (e) {
      return true; // cannot tell: count it
    }
  }
  return false;
}

module.exports = { BAD_PORTS: BAD_PORTS, listenOnPorts: listenOnPorts };
