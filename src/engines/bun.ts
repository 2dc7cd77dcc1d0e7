/** Bun 1.x (docs/detect.md "Bun"). */
import { EngineFamily, CLOSE_WITHOUT_STATUS } from './family';
import { read } from './signals';

export const bun: EngineFamily = {
  name: 'bun',
  // §2 Bun sends any code (oven-sh/bun src/js/thirdparty/ws.js); close() sends 1000; §4 'nodebuffer'.
  quirks: 'bunNoCloseCodeValidation bunCloseWithoutCodeSends1000 bunBinaryTypeNodebuffer',
  probe: function (s) {
    // Bun also defines process.versions.node: before any Node check.
    const proc = read(s.g, 'process');
    return typeof read(s.g, 'Bun') === 'object' || (proc && proc.versions && typeof proc.versions.bun === 'string') ? '' : null;
  },
  adapt: function (s) {
    // Backend options reach Bun as a WebSocketInit second argument.
    s.opts.optionsAs = 'init';
    s.unsupported.push(CLOSE_WITHOUT_STATUS);
  }
};
