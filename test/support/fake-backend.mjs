// A scripted backend for unit tests of the state machine (src/socket-core.ts): no network; the
// test drives the engine's inputs (open, message, closing, close) and sees every call the
// machine makes on the transport. Not an engine double of any real engine.
export function fakeBackend(opts = {}) {
  const sockets = [];
  const backend = {
    name: 'fake',
    native: null,
    canSendBlob: opts.canSendBlob !== false,
    sendsViews: true,
    quirks: [],
    create(url, protocols, options, events) {
      const s = { url, protocols, options, events, calls: [], engineState: 0, buffered: 0 };
      sockets.push(s);
      return {
        send(data) {
          s.calls.push(['send', data]);
          if (opts.throwOnSend) throw opts.throwOnSend;
        },
        close(code, reason) {
          s.calls.push(['close', code, reason]);
          if (opts.throwOnClose) throw opts.throwOnClose;
        },
        abort() {
          s.calls.push(['abort']);
        },
        bufferedAmount() {
          return s.buffered;
        },
        peerClosing() {
          return s.engineState >= 2;
        }
      };
    }
  };
  return { backend, sockets };
}

/** Resolves after pending tasks (the machine's close task is a setTimeout 0). */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
