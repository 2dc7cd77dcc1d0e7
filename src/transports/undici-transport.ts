/**
 * Node only (src/transports/node-engines.ts): the transport of one socket of Node's built-in
 * WebSocket (undici). What differs from the native transport every browser build carries:
 *
 * - undici fires its events by calling `socket.dispatchEvent(event)` from JavaScript (fireEvent
 *   in lib/web/websocket/util.js): they are taken there, before any dispatch, and a message
 *   event is handed to the class, which may dispatch that very event at the socket object
 *   instead of making a second one (issue 13: a second event and a second dispatch per message
 *   ran at 0.48 of the native's rate). Once that is seen, engine sockets get no listeners
 *   (issue 13: ~0.4 KB per socket).
 * - undici >= 7.30 keeps the socket of a handshake it failed: released by the Node entry
 *   (src/transports/undici-upgrade.ts) when a connection closes without having opened.
 */
import { Transport, TransportEvents } from './types';
import { listen, messageData, NativeTransport } from './native';

/** Watches undici's handshakes and releases what a failed one leaves behind. */
export interface FailedHandshakeRelease {
  watch(): void;
  release(url: string): void;
  /** A connection opened: what was kept for handshakes that are now established can go. */
  opened(): void;
}

/** Where takeEngineEvent finds the transport of an engine socket. */
const TRANSPORT = '__websocketShimTransport';

/**
 * Per backend: whether an 'open' has come through takeEngineEvent. Until then every engine
 * socket also gets listeners, so nothing depends on it; from then on it gets none.
 */
interface EngineEvents {
  seen: boolean;
}

/**
 * The engine's dispatchEvent, shadowed by an own property of this private engine object (one
 * function for every socket; the engine calls it with the socket as `this`): the events the
 * transport listens to go to it instead of the engine's dispatch (nothing else listens to this
 * socket), a message event with the event itself. Any other type is dispatched as before.
 */
function takeEngineEvent(this: any, ev: any): boolean {
  const t: UndiciTransport = this[TRANSPORT];
  const type = ev && ev.type;
  if (type === 'message') t.engineMessageEvent(ev);
  else if (type === 'open' || type === 'error' || type === 'close') {
    if (type === 'open') t.takes.seen = true;
    t.handleEvent(ev, type);
  } else return t.engineDispatch.call(this, ev);
  return true;
}

class UndiciTransport extends NativeTransport {
  /** The engine's own dispatchEvent, for the events takeEngineEvent does not take. */
  engineDispatch: (ev: any) => boolean;
  private wasOpened = false;
  constructor(
    socket: any,
    events: TransportEvents,
    public takes: EngineEvents,
    private url: string,
    private upgrades: FailedHandshakeRelease | undefined
  ) {
    super(socket, events);
    this.engineDispatch = socket.dispatchEvent;
  }

  /** The engine's message event, taken before any dispatch: it goes with its data. */
  engineMessageEvent(ev: any): void {
    if (this.detached || this.closed) return;
    const data = ev.data;
    const d = messageData(data);
    this.events.message(d, d === data ? ev : undefined);
  }

  opened(): void {
    if (!this.detached) {
      this.wasOpened = true;
      if (this.upgrades) this.upgrades.opened();
    }
    super.opened();
  }

  reportClose(code: number | undefined, reason: string, wasClean: boolean): void {
    // undici failed the handshake (no open): release the socket it may have kept.
    if (!this.closed && !this.detached && !this.wasOpened && this.upgrades) this.upgrades.release(this.url);
    super.reportClose(code, reason, wasClean);
  }
}

/**
 * The `transport` of undici's native backend (src/transports/native.ts): one EngineEvents per
 * backend; `upgrades` where undici keeps the socket of a failed handshake.
 */
export function undiciTransports(upgrades?: FailedHandshakeRelease): (socket: any, events: TransportEvents, url: string) => Transport {
  const takes: EngineEvents = { seen: false };
  return function (socket, events, url) {
    const t = new UndiciTransport(socket, events, takes, url, upgrades);
    if (typeof socket.dispatchEvent === 'function') {
      socket[TRANSPORT] = t;
      socket.dispatchEvent = takeEngineEvent;
      if (takes.seen) return t;
    }
    listen(socket, t);
    return t;
  };
}
