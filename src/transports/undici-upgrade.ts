/**
 * Node only (src/node.ts registers it): releases the TCP socket that undici keeps after a
 * WebSocket handshake it failed.
 *
 * undici >= 7.30 (Node 24.22.3, measured here): when the server answered 101 but the handshake
 * is then failed — no subprotocol selected although some were asked for, a wrong
 * `Sec-WebSocket-Accept`, a missing `Upgrade` header — undici fires `error` and `close` 1006 but
 * never destroys the upgraded socket (its failHandshake() does so for HTTP/2 only). The peer
 * keeps a connection that looks open, and the process never exits (an open handle).
 *
 * undici's diagnostics channel `undici:client:sendHeaders` names the socket of every request it
 * sends; the upgrade requests are recorded here until their socket closes. When a connection
 * fails before it opened, the socket of an upgrade request to the same URL that nobody reads
 * any more (no `data` or `readable` listener: undici attaches one to an established
 * WebSocket's socket) is destroyed.
 */
declare const require: (id: string) => any;

interface Upgrade {
  socket: any;
  /** origin + path of the request: the WebSocket URL with http(s): for ws(s):. */
  target: string;
  /** Its listener for the socket's 'close' (removed with the entry). */
  closed: () => void;
}

let upgrades: Upgrade[] | null = null;

function remove(entry: Upgrade): void {
  const i = upgrades ? upgrades.indexOf(entry) : -1;
  if (i !== -1) upgrades!.splice(i, 1);
}

function reading(socket: any): boolean {
  return socket.listenerCount('data') > 0 || socket.listenerCount('readable') > 0;
}

function onSendHeaders(message: any): void {
  const headers = message && typeof message.headers === 'string' ? message.headers : '';
  if (!/\r\nupgrade: *websocket\r\n/i.test(headers)) return;
  const request = message.request;
  const socket = message.socket;
  if (!request || !socket || typeof socket.once !== 'function') return;
  const entry: Upgrade = {
    socket: socket,
    target: String(request.origin) + String(request.path),
    closed: function () {
      remove(entry);
    }
  };
  upgrades!.push(entry);
  socket.once('close', entry.closed);
}

/**
 * A WebSocket opened: the entries of sockets an established WebSocket reads (or that are gone)
 * can never be a failed handshake's, so they are let go with their listener (issue 13: each
 * open socket kept its entry, ~0.5 KB, until it closed).
 */
export function forgetEstablished(): void {
  if (!upgrades) return;
  for (let i = upgrades.length - 1; i >= 0; i--) {
    const u = upgrades[i];
    if (u.socket.destroyed || reading(u.socket)) {
      upgrades.splice(i, 1);
      u.socket.removeListener('close', u.closed);
    }
  }
}

/** Starts recording upgrade requests (once); false where Node has no diagnostics channel. */
export function watchUpgrades(): boolean {
  if (upgrades) return true;
  let dc: any;
  try {
    dc = require('diagnostics_channel');
  } catch (e) {
    return false;
  }
  if (!dc || typeof dc.subscribe !== 'function') return false;
  upgrades = [];
  dc.subscribe('undici:client:sendHeaders', onSendHeaders);
  return true;
}

/**
 * The WebSocket connection to `url` failed before it opened: destroy the upgraded socket
 * undici left behind, after the current task (an established WebSocket attaches its reader
 * within the task that handed it the socket).
 */
export function releaseFailedUpgrade(url: string): void {
  if (!upgrades) return;
  const target = url.replace(/^ws/, 'http');
  setTimeout(function () {
    const list = upgrades!.slice();
    for (let i = 0; i < list.length; i++) {
      const u = list[i];
      if (u.socket.destroyed) remove(u);
      else if (u.target === target && !reading(u.socket)) {
        remove(u);
        u.socket.destroy();
      }
    }
  }, 0);
}
