// src/errors.ts — DOMException, native or own (SPEC §2 "Errors"; Web IDL §2.8.1 DOMException names
// table and legacy code constants). Reference: Node's native DOMException.
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { domException, OwnDOMException, nativeDOMException, getDOMException, isDOMException } = load('errors');

// Web IDL "DOMException names" table: name → legacy code, and the legacy constant names.
const NAMES = {
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25
};
const CONSTANTS = {
  INDEX_SIZE_ERR: 1, DOMSTRING_SIZE_ERR: 2, HIERARCHY_REQUEST_ERR: 3, WRONG_DOCUMENT_ERR: 4,
  INVALID_CHARACTER_ERR: 5, NO_DATA_ALLOWED_ERR: 6, NO_MODIFICATION_ALLOWED_ERR: 7, NOT_FOUND_ERR: 8,
  NOT_SUPPORTED_ERR: 9, INUSE_ATTRIBUTE_ERR: 10, INVALID_STATE_ERR: 11, SYNTAX_ERR: 12,
  INVALID_MODIFICATION_ERR: 13, NAMESPACE_ERR: 14, INVALID_ACCESS_ERR: 15, VALIDATION_ERR: 16,
  TYPE_MISMATCH_ERR: 17, SECURITY_ERR: 18, NETWORK_ERR: 19, ABORT_ERR: 20, URL_MISMATCH_ERR: 21,
  QUOTA_EXCEEDED_ERR: 22, TIMEOUT_ERR: 23, INVALID_NODE_TYPE_ERR: 24, DATA_CLONE_ERR: 25
};

describe('errors', function () {
  it('the tables above match Node\'s native DOMException (sanity check of the reference)', function () {
    for (const [name, code] of Object.entries(NAMES)) expect(new DOMException('m', name).code, name).to.equal(code);
    for (const [k, v] of Object.entries(CONSTANTS)) expect(DOMException[k], k).to.equal(v);
  });

  describe('domException(name, message): native on Node 20 (constructible, with legacy codes)', function () {
    it('nativeDOMException() finds the global DOMException; getDOMException() chooses it', function () {
      expect(nativeDOMException()).to.equal(globalThis.DOMException);
      expect(getDOMException()).to.equal(globalThis.DOMException);
    });
    for (const [name, code] of [['SyntaxError', 12], ['InvalidStateError', 11], ['InvalidAccessError', 15], ['SecurityError', 18]]) {
      it(name + ' → native DOMException, code ' + code, function () {
        const e = domException(name, 'msg');
        expect(e).to.be.instanceOf(globalThis.DOMException);
        expect(e).to.be.instanceOf(Error);
        expect(e.name).to.equal(name);
        expect(e.message).to.equal('msg');
        expect(e.code).to.equal(code);
      });
    }
  });

  describe('OwnDOMException (for engines without a constructible DOMException)', function () {
    it("new OwnDOMException('m', 'SyntaxError'): name, message, code 12", function () {
      const e = new OwnDOMException('m', 'SyntaxError');
      expect(e.name).to.equal('SyntaxError');
      expect(e.message).to.equal('m');
      expect(e.code).to.equal(12);
    });
    it('instanceof Error and instanceof OwnDOMException', function () {
      const e = new OwnDOMException('m', 'SyntaxError');
      expect(e instanceof Error).to.equal(true);
      expect(e instanceof OwnDOMException).to.equal(true);
      expect(e.constructor).to.equal(OwnDOMException);
    });
    it("toString() → 'SyntaxError: m'", function () {
      expect(String(new OwnDOMException('m', 'SyntaxError'))).to.equal('SyntaxError: m');
      expect(new OwnDOMException('m', 'SyntaxError').toString()).to.equal('SyntaxError: m');
    });
    it('has a stack string', function () {
      const e = new OwnDOMException('m', 'SyntaxError');
      expect(e.stack).to.be.a('string');
      expect(e.stack.length).to.be.greaterThan(0);
    });
    it('every name in the Web IDL table gets its legacy code (same as native)', function () {
      for (const [name, code] of Object.entries(NAMES)) {
        expect(new OwnDOMException('m', name).code, name).to.equal(code);
        expect(new OwnDOMException('m', name).code, name).to.equal(new DOMException('m', name).code);
      }
    });
    it('names without a legacy code get 0 (as native)', function () {
      for (const name of ['NotAllowedError', 'OperationError', 'EncodingError', 'Whatever']) {
        expect(new OwnDOMException('m', name).code, name).to.equal(0);
        expect(new DOMException('m', name).code, name).to.equal(0);
      }
    });
    it("defaults match native: message '' and name 'Error'", function () {
      const own = new OwnDOMException();
      const nat = new DOMException();
      expect(own.message).to.equal(nat.message).and.to.equal('');
      expect(own.name).to.equal(nat.name).and.to.equal('Error');
      expect(own.code).to.equal(nat.code).and.to.equal(0);
    });
    it('message and name are converted with ToString', function () {
      const e = new OwnDOMException(42, { toString() { return 'SecurityError'; } });
      expect(e.message).to.equal('42');
      expect(e.name).to.equal('SecurityError');
      expect(e.code).to.equal(18);
    });
    it('legacy constants: SYNTAX_ERR 12, INVALID_STATE_ERR 11, INVALID_ACCESS_ERR 15, SECURITY_ERR 18', function () {
      expect(OwnDOMException.SYNTAX_ERR).to.equal(12);
      expect(OwnDOMException.INVALID_STATE_ERR).to.equal(11);
      expect(OwnDOMException.INVALID_ACCESS_ERR).to.equal(15);
      expect(OwnDOMException.SECURITY_ERR).to.equal(18);
    });
    it('every Web IDL legacy constant, on the constructor and on the prototype (as native)', function () {
      const missing = [];
      for (const [k, v] of Object.entries(CONSTANTS)) {
        if (OwnDOMException[k] !== v) missing.push('OwnDOMException.' + k + ' = ' + OwnDOMException[k]);
        if (OwnDOMException.prototype[k] !== v) missing.push('OwnDOMException.prototype.' + k + ' = ' + OwnDOMException.prototype[k]);
        if (new OwnDOMException('m')[k] !== v) missing.push('instance.' + k);
      }
      expect(missing).to.deep.equal([]);
    });
    it('name, message, code are not enumerable own data (like native, they do not show in Object.keys)', function () {
      const e = new OwnDOMException('m', 'SyntaxError');
      expect(Object.keys(e)).to.deep.equal([]);
    });
    it('calling without new → TypeError', function () {
      expect(() => OwnDOMException('m', 'SyntaxError')).to.throw(TypeError);
    });
    it('can be thrown and caught as an Error', function () {
      try {
        throw new OwnDOMException('x', 'InvalidAccessError');
      } catch (e) {
        expect(e).to.be.instanceOf(Error);
        expect(e.code).to.equal(15);
      }
    });
  });

  describe('isDOMException(value, name?)', function () {
    it('native and own instances', function () {
      expect(isDOMException(new DOMException('m', 'SyntaxError'))).to.equal(true);
      expect(isDOMException(new OwnDOMException('m', 'SyntaxError'))).to.equal(true);
      expect(isDOMException(domException('SecurityError', 'm'))).to.equal(true);
    });
    it('with a name: only that name', function () {
      expect(isDOMException(new DOMException('m', 'SyntaxError'), 'SyntaxError')).to.equal(true);
      expect(isDOMException(new DOMException('m', 'SyntaxError'), 'SecurityError')).to.equal(false);
      expect(isDOMException(new OwnDOMException('m', 'InvalidStateError'), 'InvalidStateError')).to.equal(true);
      expect(isDOMException(new OwnDOMException('m', 'InvalidStateError'), 'SyntaxError')).to.equal(false);
    });
    it('not plain errors, look-alikes or primitives', function () {
      for (const v of [new Error('m'), new TypeError('m'), Object.assign(new Error('m'), { name: 'SyntaxError', code: 12 }), { name: 'SyntaxError', code: 12, message: 'm' }, null, undefined, 'SyntaxError', 12]) {
        expect(isDOMException(v), String(v)).to.equal(false);
      }
    });
  });
});

// Issue 11 "DOMException identity": an engine with a DOMException that cannot be constructed
// (QtWebKit 5.212, the Safari 10-era WebKit in Debian; IE10/11): the package's own class presents
// itself as the engine's, so `e instanceof DOMException` and `e.constructor === DOMException` hold.
describe("errors: the package's DOMException presents as the engine's where that one is not constructible", function () {
  const errors = load('errors');
  const Real = globalThis.DOMException;
  function useEngineDOMException(Engine) {
    Object.defineProperty(globalThis, 'DOMException', { value: Engine, writable: true, configurable: true });
    errors.setDOMExceptionSource(() => null); // resets the cached choice
  }
  after(function () {
    Object.defineProperty(globalThis, 'DOMException', { value: Real, writable: true, configurable: true });
    errors.setDOMExceptionSource(() => null);
  });

  it('QtWebKit 5.212 model: DOMException exists, its prototype reaches Error.prototype, `new` throws', function () {
    const Engine = function DOMException() {
      throw new TypeError('Illegal constructor');
    };
    Engine.prototype = Object.create(Error.prototype, { constructor: { value: Engine, writable: true, configurable: true } });
    useEngineDOMException(Engine);
    expect(errors.nativeDOMException()).to.equal(null);
    const e = errors.domException('SyntaxError', 'bad url');
    expect(e).to.be.instanceOf(Engine);
    expect(e.constructor).to.equal(Engine);
    expect(e).to.be.instanceOf(Error);
    expect([e.name, e.code, e.message]).to.deep.equal(['SyntaxError', 12, 'bad url']);
    expect(String(e)).to.equal('SyntaxError: bad url');
    expect(errors.isDOMException(e, 'SyntaxError')).to.equal(true);
  });
  it('IE10/11 model: the engine prototype does not reach Error.prototype: instanceof Error kept, constructor the engine\'s', function () {
    const Engine = function DOMException() {
      throw new TypeError('Illegal constructor');
    };
    useEngineDOMException(Engine);
    const e = errors.domException('InvalidStateError', 'm');
    expect(e).to.be.instanceOf(Error);
    expect(e.constructor).to.equal(Engine);
    expect([e.name, e.code]).to.deep.equal(['InvalidStateError', 11]);
  });
  it('no DOMException at all: the own class, as before', function () {
    useEngineDOMException(undefined);
    const e = errors.domException('SecurityError', 'm');
    expect(e).to.be.instanceOf(errors.OwnDOMException);
    expect(e.code).to.equal(18);
  });
});
