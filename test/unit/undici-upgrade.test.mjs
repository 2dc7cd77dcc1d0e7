// src/transports/undici-upgrade.ts — the sockets of undici's upgrade requests, recorded so that
// the one of a handshake undici failed can be destroyed (undici >= 7.30 keeps it). Driven here
// through the real diagnostics channel with stand-in TCP sockets (EventEmitters).
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import dc from 'node:diagnostics_channel';
import { load } from './_helpers.mjs';

const { watchUpgrades, releaseFailedUpgrade, forgetEstablished } = load('transports/undici-upgrade');

function upgrade(path) {
  const socket = new EventEmitter();
  socket.destroyed = false;
  socket.destroy = () => {
    socket.destroyed = true;
    socket.emit('close');
  };
  dc.channel('undici:client:sendHeaders').publish({
    request: { origin: 'http://127.0.0.1:9', path },
    headers: 'GET ' + path + ' HTTP/1.1\r\nupgrade: websocket\r\nconnection: upgrade\r\n',
    socket
  });
  return socket;
}

describe('undici-upgrade: what is kept for failed handshakes', function () {
  before(function () {
    expect(watchUpgrades()).to.equal(true);
  });

  it('an established connection keeps nothing: forgetEstablished() lets go of sockets being read, with their listener (issue 13: ~0.5 KB per open socket)', function () {
    const established = upgrade('/a');
    established.on('data', () => {}); // undici reads an established WebSocket's socket
    const pending = upgrade('/b');
    expect(established.listenerCount('close')).to.equal(1);
    forgetEstablished();
    expect(established.listenerCount('close'), 'its close listener removed').to.equal(0);
    expect(pending.listenerCount('close'), 'a handshake still pending is kept').to.equal(1);
    pending.destroy();
  });

  it('a failed handshake after others opened: its socket is still found and destroyed', async function () {
    const open = upgrade('/c');
    open.on('data', () => {});
    const failed = upgrade('/d');
    forgetEstablished();
    releaseFailedUpgrade('ws://127.0.0.1:9/d');
    await new Promise((r) => setTimeout(r, 5));
    expect(failed.destroyed).to.equal(true);
    expect(open.destroyed).to.equal(false);
  });
});
