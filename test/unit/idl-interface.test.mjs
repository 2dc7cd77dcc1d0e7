// src/idl-interface.ts — interface objects as Web IDL defines them (SPEC §2 "Interface objects";
// Web IDL §3.7): what the engine can express is done, what it cannot is left as is, never broken.
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { setFunctionName, defineAttribute, defineOperation, finishInterface } = load('idl-interface');

describe('idl-interface', function () {
  it('defineAttribute: an enumerable, configurable accessor; getter "get x" (length 0), setter "set x" (length 1)', function () {
    const proto = {};
    defineAttribute(proto, 'binaryType', function () {}, function (v) {});
    const d = Object.getOwnPropertyDescriptor(proto, 'binaryType');
    expect([d.enumerable, d.configurable, d.get.name, d.get.length, d.set.name, d.set.length]).to.deep.equal([true, true, 'get binaryType', 0, 'set binaryType', 1]);
  });
  it('defineAttribute without a setter: readonly (set undefined)', function () {
    const proto = {};
    defineAttribute(proto, 'url', function () {});
    expect(Object.getOwnPropertyDescriptor(proto, 'url').set).to.equal(undefined);
  });
  it('defineOperation: writable, enumerable, configurable, named', function () {
    const proto = {};
    defineOperation(proto, 'send', function (data) {});
    const d = Object.getOwnPropertyDescriptor(proto, 'send');
    expect([d.writable, d.enumerable, d.configurable, d.value.name, d.value.length]).to.deep.equal([true, true, true, 'send', 1]);
  });
  it('finishInterface: name, parent interface object, read-only prototype, toStringTag', function () {
    function Parent() {}
    const C = function () {};
    C.prototype = Object.create(Parent.prototype);
    finishInterface(C, 'Thing', Parent);
    expect(C.name).to.equal('Thing');
    expect(Object.getPrototypeOf(C)).to.equal(Parent);
    const d = Object.getOwnPropertyDescriptor(C, 'prototype');
    expect([d.writable, d.enumerable, d.configurable]).to.deep.equal([false, false, false]);
    expect(Object.prototype.toString.call(new C())).to.equal('[object Thing]');
    const tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag);
    expect([tag.writable, tag.enumerable, tag.configurable]).to.deep.equal([false, false, true]);
  });
  it('an engine where a function name cannot be redefined (ES5): the function keeps its name, nothing throws', function () {
    const get = function get() {};
    Object.defineProperty(get, 'name', { value: 'get', configurable: false });
    expect(() => setFunctionName(get, 'get url')).to.not.throw();
    expect(get.name).to.equal('get');
    const proto = {};
    expect(() => defineAttribute(proto, 'url', get)).to.not.throw();
    expect(typeof Object.getOwnPropertyDescriptor(proto, 'url').get).to.equal('function');
  });
});
