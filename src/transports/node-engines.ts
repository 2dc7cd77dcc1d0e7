/**
 * The Node.js engines (SPEC §5): the `ws` package, and Node's built-in WebSocket (undici) with
 * the deviations measured in QUIRKS §9. Only the Node entry (src/node.ts) registers them
 * (src/backends.ts setNodeEngines), so the browser and script-tag builds carry none of this
 * code (issue 13: every byte of the UMD is paid by every page).
 */
import { Backend } from './types';
import { nativeBackend } from './native';
import { FailedHandshakeRelease, undiciTransports } from './undici-transport';
import { isWsClass, wsBackend } from './ws';
import { isUndici, NodeEngines } from '../backends';
import { getGlobal } from '../global';

/** Node's built-in WebSocket (undici): the deviations measured in QUIRKS §9. */
const UNDICI_QUIRKS = [
  'undiciSendBlobLostOnClose',
  'undiciRefusedConnectionNoClose',
  'undiciCloseInConnectingSynchronous',
  'undiciClampRoundsWrong',
  'undiciReasonWithoutCodeNoBody',
  'undiciBufferedAmountNotGrowingAfterClose',
  'undiciBinaryTypeResets',
  'undiciHandlerMovesToEnd'
];

/** The runtime's undici version (process.versions.undici) as [major, minor], or null. */
function undiciVersion(): number[] | null {
  const p = getGlobal().process;
  const v = p && p.versions && p.versions.undici;
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)\./.exec(v) : null;
  return m ? [+m[1], +m[2]] : null;
}

/** Whether the runtime's undici is older than major.minor (false when unknown). */
function undiciBelow(major: number, minor: number): boolean {
  const v = undiciVersion();
  return !!v && (v[0] < major || (v[0] === major && v[1] < minor));
}

function undiciBackend(Native: any, upgrades: FailedHandshakeRelease | null): Backend {
  const quirks = UNDICI_QUIRKS.slice();
  const unsupported: string[] = [];
  // undici < 6.16.0 (Node 21, early 20.x/22.x; nodejs/undici#3202): a message with an empty
  // payload that ends a TCP read is held until the next frame arrives. The shim cannot see
  // it before undici hands it over, so it can only say so.
  if (undiciBelow(6, 16)) {
    quirks.push('undiciEmptyMessageHeldUntilNextFrame');
    unsupported.push('emptyMessagePrompt: undici < 6.16 holds a message with an empty payload until the next frame arrives');
  }
  // undici before 6.29 / 7.29 (measured: 6.11–6.23, 7.8, 7.16): a server that selects a
  // subprotocol none was asked for makes undici throw an uncaught TypeError in its own
  // handshake code (`.includes` of null), ending the process; the shim is not on that stack.
  const undici = undiciVersion();
  if (undici && (undici[0] <= 6 ? undiciBelow(6, 29) : undici[0] === 7 && undici[1] < 29)) {
    quirks.push('undiciThrowsOnUnrequestedProtocol');
    unsupported.push('unrequestedProtocol: undici < 6.29 / < 7.29 throws an uncaught TypeError when a server selects a subprotocol none was asked for');
  }
  // undici >= 7.30 (Node 24.22.3): a handshake failed after the server's 101 keeps its socket
  // open (the peer sees an open connection; the process never exits). The Node entry releases it.
  const keepsSocket = !!undici && !undiciBelow(7, 30) && upgrades !== null;
  if (keepsSocket) quirks.push('undiciKeepsSocketAfterFailedHandshake');
  const backend = nativeBackend(Native, {
    name: 'node-builtin',
    canSendBlob: false,
    sendsViews: false,
    optionsAs: 'init',
    transport: undiciTransports(keepsSocket ? upgrades! : undefined),
    quirks: quirks,
    unsupported: unsupported
  });
  // undici's send() converts a string to a USVString itself (webidl.converters.USVString, then
  // Buffer.from: U+FFFD for an unpaired surrogate), on every version Node ships.
  backend.encodesUSV = true;
  if (keepsSocket) {
    // Handshakes are watched from before the first engine socket sends its request.
    const create = backend.create;
    backend.create = function (url, protocols, options, events) {
      upgrades!.watch();
      return create(url, protocols, options, events);
    };
  }
  return backend;
}

/**
 * The Node engines: `loadWs` loads the `ws` package (null where it is not installed);
 * `upgrades` releases the socket of a handshake undici failed (src/transports/undici-upgrade.ts).
 */
export function nodeEngines(loadWs: () => any, upgrades: FailedHandshakeRelease | null): NodeEngines {
  return {
    ws: function (Native: any): Backend | null {
      return isWsClass(Native) ? wsBackend(Native) : null;
    },
    undici: function (Native: any): Backend | null {
      return isUndici(Native) ? undiciBackend(Native, upgrades) : null;
    },
    fallback: function (): Backend | null {
      const WS = loadWs();
      return WS ? wsBackend(WS) : null;
    }
  };
}
