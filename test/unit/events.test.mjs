// src/events.ts — Event, MessageEvent, CloseEvent (SPEC §2 "Events"; DOM §2.2 Event; HTML MessageEvent;
// WebSockets CloseEvent with defaults wasClean false, code 0, reason '').
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { OwnEvent, OwnMessageEvent, OwnCloseEvent, getEventClasses, resetEventClassesForTesting } = load('events');

describe('events: the own classes', function () {
  describe('Event constructor', function () {
    it('defaults (DOM EventInit: bubbles, cancelable, composed false)', function () {
      const e = new OwnEvent('open');
      expect(e.type).to.equal('open');
      expect(e.bubbles).to.equal(false);
      expect(e.cancelable).to.equal(false);
      expect(e.composed).to.equal(false);
      expect(e.defaultPrevented).to.equal(false);
      expect(e.isTrusted).to.equal(false);
      expect(e.eventPhase).to.equal(0);
      expect(e.target).to.equal(null);
      expect(e.currentTarget).to.equal(null);
      expect(e.timeStamp).to.be.a('number');
    });
    it('type is ToString-ed; init is read', function () {
      const e = new OwnEvent(42, { bubbles: 1, cancelable: true });
      expect(e.type).to.equal('42');
      expect(e.bubbles).to.equal(true);
      expect(e.cancelable).to.equal(true);
    });
    it('phase constants NONE 0, CAPTURING_PHASE 1, AT_TARGET 2, BUBBLING_PHASE 3 (constructor and prototype)', function () {
      for (const [k, v] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
        expect(OwnEvent[k], k).to.equal(v);
        expect(new OwnEvent('x')[k], k).to.equal(v);
      }
    });
    it('preventDefault only when cancelable', function () {
      const a = new OwnEvent('x');
      a.preventDefault();
      expect(a.defaultPrevented).to.equal(false);
      const b = new OwnEvent('x', { cancelable: true });
      b.preventDefault();
      expect(b.defaultPrevented).to.equal(true);
    });
    it('without new → TypeError; without arguments → TypeError', function () {
      expect(() => OwnEvent('x')).to.throw(TypeError);
      expect(() => new OwnEvent()).to.throw(TypeError);
    });
  });

  describe('MessageEvent constructor', function () {
    it('defaults: data null, origin "", lastEventId "", source null, ports []', function () {
      const e = new OwnMessageEvent('message');
      expect(e.type).to.equal('message');
      expect(e.data).to.equal(null);
      expect(e.origin).to.equal('');
      expect(e.lastEventId).to.equal('');
      expect(e.source).to.equal(null);
      expect(e.ports).to.deep.equal([]);
    });
    it('init values', function () {
      const data = new ArrayBuffer(2);
      const e = new OwnMessageEvent('message', { data: data, origin: 'ws://h', lastEventId: '7' });
      expect(e.data).to.equal(data);
      expect(e.origin).to.equal('ws://h');
      expect(e.lastEventId).to.equal('7');
    });
    it('data may be any value, including falsy ones', function () {
      expect(new OwnMessageEvent('message', { data: '' }).data).to.equal('');
      expect(new OwnMessageEvent('message', { data: 0 }).data).to.equal(0);
    });
    it('is an OwnEvent', function () {
      const e = new OwnMessageEvent('message');
      expect(e).to.be.instanceOf(OwnEvent);
      expect(e).to.be.instanceOf(OwnMessageEvent);
    });
    it('without new → TypeError; without arguments → TypeError', function () {
      expect(() => OwnMessageEvent('message')).to.throw(TypeError);
      expect(() => new OwnMessageEvent()).to.throw(TypeError);
    });
  });

  describe('CloseEvent constructor', function () {
    it('defaults: code 0, reason "", wasClean false', function () {
      const e = new OwnCloseEvent('close');
      expect(e.type).to.equal('close');
      expect(e.code).to.equal(0);
      expect(e.reason).to.equal('');
      expect(e.wasClean).to.equal(false);
    });
    it('init values', function () {
      const e = new OwnCloseEvent('close', { code: 1000, reason: 'bye', wasClean: true });
      expect(e.code).to.equal(1000);
      expect(e.reason).to.equal('bye');
      expect(e.wasClean).to.equal(true);
    });
    it('code is an IDL unsigned short (ToUint16: modulo 2^16, truncation)', function () {
      expect(new OwnCloseEvent('close', { code: 66536 }).code).to.equal(1000);
      expect(new OwnCloseEvent('close', { code: -1 }).code).to.equal(65535);
      expect(new OwnCloseEvent('close', { code: 1000.9 }).code).to.equal(1000);
      expect(new OwnCloseEvent('close', { code: '3000' }).code).to.equal(3000);
      expect(new OwnCloseEvent('close', { code: NaN }).code).to.equal(0);
    });
    it('is an OwnEvent', function () {
      expect(new OwnCloseEvent('close')).to.be.instanceOf(OwnEvent);
    });
    it('without new → TypeError; without arguments → TypeError', function () {
      expect(() => OwnCloseEvent('close')).to.throw(TypeError);
      expect(() => new OwnCloseEvent()).to.throw(TypeError);
    });
  });
});

describe('events: getEventClasses', function () {
  afterEach(function () {
    resetEventClassesForTesting();
  });

  it('getEventClasses(false) → the own classes', function () {
    const c = getEventClasses(false);
    expect(c.native).to.equal(false);
    expect(c.Event).to.equal(OwnEvent);
    expect(c.MessageEvent).to.equal(OwnMessageEvent);
    expect(c.CloseEvent).to.equal(OwnCloseEvent);
  });

  it('is cached per kind', function () {
    expect(getEventClasses(true)).to.equal(getEventClasses(true));
  });

  describe('getEventClasses(true) on Node 20 (native Event, no global CloseEvent)', function () {
    it('Event and MessageEvent are the native ones', function () {
      const c = getEventClasses(true);
      expect(c.native).to.equal(true);
      expect(c.Event).to.equal(globalThis.Event);
      if (typeof globalThis.MessageEvent === 'function') expect(c.MessageEvent).to.equal(globalThis.MessageEvent);
    });

    it('CloseEvent is a real native Event with code / reason / wasClean', function () {
      const { CloseEvent } = getEventClasses(true);
      const e = new CloseEvent('close', { code: 1006, reason: 'gone', wasClean: false });
      expect(e).to.be.instanceOf(Event);
      expect(e).to.be.instanceOf(CloseEvent);
      expect(e.type).to.equal('close');
      expect(e.code).to.equal(1006);
      expect(e.reason).to.equal('gone');
      expect(e.wasClean).to.equal(false);
      const clean = new CloseEvent('close', { code: 1000, wasClean: true });
      expect(clean.wasClean).to.equal(true);
      expect(clean.reason).to.equal('');
    });

    it('CloseEvent defaults: code 0, reason "", wasClean false', function () {
      const { CloseEvent } = getEventClasses(true);
      const e = new CloseEvent('close');
      expect(e.code).to.equal(0);
      expect(e.reason).to.equal('');
      expect(e.wasClean).to.equal(false);
    });

    it('a native EventTarget dispatches it, with target set, and the listener sees the fields', function () {
      const { CloseEvent } = getEventClasses(true);
      const t = new EventTarget();
      let seen = null;
      t.addEventListener('close', (ev) => {
        seen = { ev, target: ev.target, code: ev.code, reason: ev.reason, wasClean: ev.wasClean };
      });
      const e = new CloseEvent('close', { code: 4000, reason: 'r', wasClean: true });
      expect(t.dispatchEvent(e)).to.equal(true);
      expect(seen.ev).to.equal(e);
      expect(seen.target).to.equal(t);
      expect(seen).to.include({ code: 4000, reason: 'r', wasClean: true });
    });

    it('CloseEvent honours EventInit (cancelable) like any native Event', function () {
      const { CloseEvent } = getEventClasses(true);
      const e = new CloseEvent('close', { cancelable: true });
      e.preventDefault();
      expect(e.defaultPrevented).to.equal(true);
    });

    it('CloseEvent without new → TypeError', function () {
      const { CloseEvent } = getEventClasses(true);
      expect(() => CloseEvent('close')).to.throw(TypeError);
    });

    it('MessageEvent is dispatchable by a native EventTarget with data / origin', function () {
      const { MessageEvent } = getEventClasses(true);
      const t = new EventTarget();
      let seen = null;
      t.addEventListener('message', (ev) => {
        seen = ev;
      });
      const e = new MessageEvent('message', { data: 'hi', origin: 'ws://h' });
      t.dispatchEvent(e);
      expect(seen).to.equal(e);
      expect(seen.target).to.equal(t);
      expect(seen.data).to.equal('hi');
      expect(seen.origin).to.equal('ws://h');
      expect(seen.lastEventId).to.equal('');
    });
  });
});

// Issue 11 "Interface objects": where the package supplies CloseEvent on the engine's Event
// (Node 20–22), it is a Web IDL interface: it inherits from Event (constructor and prototype
// chain), its prototype is read-only, code/reason/wasClean are brand-checked getters named
// `get code`, …, and String(new CloseEvent('close')) is [object CloseEvent].
describe('events: the CloseEvent the package supplies on the native Event is a Web IDL interface', function () {
  let CloseEvent;
  before(function () {
    resetEventClassesForTesting();
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'CloseEvent');
    if (saved) delete globalThis.CloseEvent; // Node 23+: pretend it has none
    CloseEvent = getEventClasses(true).CloseEvent;
    if (saved) Object.defineProperty(globalThis, 'CloseEvent', saved);
    resetEventClassesForTesting();
  });
  it('Object.getPrototypeOf(CloseEvent) === Event; CloseEvent.prototype inherits Event.prototype', function () {
    expect(Object.getPrototypeOf(CloseEvent)).to.equal(Event);
    expect(Object.getPrototypeOf(CloseEvent.prototype)).to.equal(Event.prototype);
    expect(CloseEvent.NONE).to.equal(0);
  });
  it('name "CloseEvent", length 1, prototype neither writable, enumerable nor configurable', function () {
    expect(CloseEvent.name).to.equal('CloseEvent');
    expect(CloseEvent.length).to.equal(1);
    const d = Object.getOwnPropertyDescriptor(CloseEvent, 'prototype');
    expect([d.writable, d.enumerable, d.configurable]).to.deep.equal([false, false, false]);
  });
  it("String(new CloseEvent('close')) is [object CloseEvent]", function () {
    expect(String(new CloseEvent('close'))).to.equal('[object CloseEvent]');
    expect(Object.prototype.toString.call(CloseEvent.prototype)).to.equal('[object CloseEvent]');
  });
  for (const k of ['code', 'reason', 'wasClean']) {
    it(`${k}: a getter named "get ${k}" that throws TypeError on CloseEvent.prototype and on a plain Event`, function () {
      const d = Object.getOwnPropertyDescriptor(CloseEvent.prototype, k);
      expect(d.get.name).to.equal('get ' + k);
      expect(d.set).to.equal(undefined);
      expect(d.enumerable).to.equal(true);
      expect(() => CloseEvent.prototype[k]).to.throw(TypeError);
      expect(() => d.get.call(new Event('x'))).to.throw(TypeError);
    });
  }
  it('instances: instanceof Event, a native Event an EventTarget dispatches', function () {
    const e = new CloseEvent('close', { code: 1000, reason: 'r', wasClean: true });
    expect(e).to.be.instanceOf(Event);
    let got = null;
    const t = new EventTarget();
    t.addEventListener('close', (ev) => (got = ev));
    t.dispatchEvent(e);
    expect(got).to.equal(e);
    expect([e.code, e.reason, e.wasClean]).to.deep.equal([1000, 'r', true]);
  });
  it('init dictionary: reason is ToString (toString before valueOf), code an unsigned short (modulo 2^16)', function () {
    const e = new CloseEvent('close', { reason: { valueOf: () => 'v', toString: () => 't' }, code: 65537 });
    expect(e.reason).to.equal('t');
    expect(e.code).to.equal(1);
    expect(new CloseEvent('close', { code: -1 }).code).to.equal(65535);
    expect(new CloseEvent('close', { code: NaN }).code).to.equal(0);
  });
  it('init dictionary: a reason with an unpaired surrogate becomes U+FFFD (USVString)', function () {
    expect(new CloseEvent('close', { reason: 'a\ud800' }).reason).to.equal('a\ufffd');
  });
  it('init dictionary: a non-object (not undefined or null) → TypeError', function () {
    expect(() => new CloseEvent('close', 5)).to.throw(TypeError);
    expect(new CloseEvent('close', null).code).to.equal(0);
  });
});

describe('events: the own classes (engines without a usable EventTarget) as far as ES2015 allows', function () {
  it('OwnCloseEvent / OwnMessageEvent inherit OwnEvent; read-only prototype; toStringTag', function () {
    for (const [C, name] of [[OwnCloseEvent, 'CloseEvent'], [OwnMessageEvent, 'MessageEvent']]) {
      expect(Object.getPrototypeOf(C)).to.equal(OwnEvent);
      expect(Object.getOwnPropertyDescriptor(C, 'prototype').writable).to.equal(false);
      expect(String(new C('x'))).to.equal('[object ' + name + ']');
    }
  });
  it('init conversions are ToString: reason, origin, lastEventId', function () {
    const o = { valueOf: () => 'v', toString: () => 't' };
    expect(new OwnCloseEvent('close', { reason: o }).reason).to.equal('t');
    const m = new OwnMessageEvent('message', { origin: o, lastEventId: o });
    expect([m.origin, m.lastEventId]).to.deep.equal(['t', 't']);
    expect(new OwnEvent(o).type).to.equal('t');
  });
});
