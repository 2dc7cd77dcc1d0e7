// The Fetch Standard's bad-port list (test/support/bad-ports.json) and listeners on those
// ports, to prove that a WebSocket to a bad port never reaches the network: every connection
// a listener accepts is recorded. Node 10 syntax (the integration suites run on old Node too).
'use strict';
const net = require('net');

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
  return Promise.all(
    ports.map(function (port) {
      if (port === 0) {
        notListening.push([0, 'port 0 cannot be listened on (it asks the OS for any port)']);
        return null;
      }
      return new Promise(function (resolve) {
        const srv = net.createServer(function (sock) {
          connections.push(port);
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

module.exports = { BAD_PORTS: BAD_PORTS, listenOnPorts: listenOnPorts };
