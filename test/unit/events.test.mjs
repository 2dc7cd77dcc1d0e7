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
