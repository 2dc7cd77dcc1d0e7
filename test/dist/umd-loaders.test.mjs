// The script-tag build installs at once and sets window.WebSocketShim on every page,
// including pages that also have an AMD loader or CommonJS globals (SPEC §1).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { expect } from 'chai';
import { root, UMD_FILES } from './support/sandbox.mjs';

function NativeDouble(url) {
  this.url = url;
}

function context(extra) {
  const ctx = { setTimeout, clearTimeout, WebSocket: NativeDouble, ...extra };
  ctx.window = ctx;
  return vm.createContext(ctx);
}

for (const file of UMD_FILES) {
  const code = readFileSync(join(root, file), 'utf8');
  describe(`${file} with module loaders on the page`, () => {
    it('with an AMD loader: installs, sets the global, and defines the named module websocket-shim', () => {
      const defined = [];
      const define = (name, deps, factory) => defined.push([name, deps, factory]);
      define.amd = {};
      const ctx = context({ define });
      vm.runInContext(code, ctx);
      expect(ctx.WebSocketShim).to.be.an('object');
      expect(ctx.WebSocket).to.not.equal(NativeDouble);
      expect(ctx.WebSocket).to.equal(ctx.WebSocketShim.WebSocket);
      expect(defined).to.have.length(1);
      expect(defined[0][0]).to.equal('websocket-shim');
      expect(defined[0][1]).to.deep.equal([]);
      expect(defined[0][2]()).to.equal(ctx.WebSocketShim);
    });

    it('with CommonJS globals (Electron, NW.js): installs, sets the global, and fills module.exports', () => {
      const module = { exports: {} };
      const ctx = context({ module, exports: module.exports });
      vm.runInContext(code, ctx);
      expect(ctx.WebSocketShim).to.be.an('object');
      expect(module.exports).to.equal(ctx.WebSocketShim);
      expect(ctx.WebSocket).to.equal(ctx.WebSocketShim.WebSocket);
    });

    it('the WebSocketShim global stays configurable (uninstall-friendly, not a `var`)', () => {
      const ctx = context({});
      vm.runInContext(code, ctx);
      const d = Object.getOwnPropertyDescriptor(ctx, 'WebSocketShim');
      expect(d.configurable).to.equal(true);
      expect(vm.runInContext('delete this.WebSocketShim', ctx)).to.equal(true);
    });
  });
}
