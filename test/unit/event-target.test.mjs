// src/event-target.ts — the package's own EventTarget (SPEC §2 "Events"; DOM §2.7 "add an event
// listener", "remove an event listener", "dispatch", "inner invoke").
import { expect } from 'chai';
import { load } from './_helpers.mjs';

const { OwnEventTarget, getTargetKind, setTargetKindForTesting } = load('event-target');
const { OwnEvent } = load('events');

function ev(type = 'x', init) {
  return new OwnEvent(type, init);
}

describe('event-target: OwnEventTarget', function () {
  let savedReportError;
  let hadReportError;
  let reported;
  beforeEach(function () {
    hadReportError = Object.prototype.hasOwnProperty.call(globalThis, 'reportError');
    savedReportError = globalThis.reportError;
    reported = [];
    globalThis.reportError = (e) => reported.push(e);
  });
  afterEach(function () {
    if (hadReportError) globalThis.reportError = savedReportError;
    else delete globalThis.reportError;
  });

  it('is constructible and instanceof the native EventTarget (prototype link)', function () {
    const t = new OwnEventTarget();
    expect(t).to.be.instanceOf(OwnEventTarget);
    if (typeof EventTarget === 'function') expect(t).to.be.instanceOf(EventTarget);
  });

  it('without new → TypeError', function () {
    expect(() => OwnEventTarget()).to.throw(TypeError);
  });

  describe('add an event listener', function () {
    it('listeners run in the order they were added', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', () => log.push(1));
      t.addEventListener('x', () => log.push(2));
      t.addEventListener('x', () => log.push(3));
      t.dispatchEvent(ev());
      expect(log).to.deep.equal([1, 2, 3]);
    });
    it('only listeners of the event type run', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', () => log.push('x'));
      t.addEventListener('y', () => log.push('y'));
      t.dispatchEvent(ev('y'));
      expect(log).to.deep.equal(['y']);
    });
    it('a duplicate (same type, callback, capture) is ignored', function () {
      const t = new OwnEventTarget();
      let n = 0;
      const f = () => n++;
      t.addEventListener('x', f);
      t.addEventListener('x', f);
      t.addEventListener('x', f, false);
      t.addEventListener('x', f, { capture: false, once: true });
      t.dispatchEvent(ev());
      t.dispatchEvent(ev());
      expect(n).to.equal(2); // not removed by the ignored `once` duplicate either
    });
    it('the capture flag distinguishes listeners', function () {
      const t = new OwnEventTarget();
      let n = 0;
      const f = () => n++;
      t.addEventListener('x', f);
      t.addEventListener('x', f, true);
      t.dispatchEvent(ev());
      expect(n).to.equal(2);
      t.removeEventListener('x', f); // removes only the non-capture one
      t.dispatchEvent(ev());
      expect(n).to.equal(3);
      t.removeEventListener('x', f, { capture: true });
      t.dispatchEvent(ev());
      expect(n).to.equal(3);
    });
    it('once: called once, then removed', function () {
      const t = new OwnEventTarget();
      let n = 0;
      t.addEventListener('x', () => n++, { once: true });
      t.dispatchEvent(ev());
      t.dispatchEvent(ev());
      expect(n).to.equal(1);
    });
    it('a once listener can be added again after it ran', function () {
      const t = new OwnEventTarget();
      let n = 0;
      const f = () => n++;
      t.addEventListener('x', f, { once: true });
      t.dispatchEvent(ev());
      t.addEventListener('x', f, { once: true });
      t.dispatchEvent(ev());
      expect(n).to.equal(2);
    });
    it('a once listener that re-dispatches is not called again (removed before it runs)', function () {
      const t = new OwnEventTarget();
      let n = 0;
      t.addEventListener('x', () => {
        n++;
        if (n < 5) t.dispatchEvent(ev());
      }, { once: true });
      t.dispatchEvent(ev());
      expect(n).to.equal(1);
    });
    it('handleEvent objects: called with this = the object; handleEvent looked up at dispatch time', function () {
      const t = new OwnEventTarget();
      const log = [];
      const obj = {
        handleEvent(e) {
          log.push([this, e.type]);
        }
      };
      t.addEventListener('x', obj);
      t.dispatchEvent(ev());
      expect(log).to.deep.equal([[obj, 'x']]);
      obj.handleEvent = function () {
        log.push('swapped');
      };
      t.dispatchEvent(ev());
      expect(log[1]).to.equal('swapped');
    });
    it('a function listener is called with this = currentTarget and the event', function () {
      const t = new OwnEventTarget();
      let self = null;
      let arg = null;
      const e = ev();
      t.addEventListener('x', function (a) {
        self = this;
        arg = a;
      });
      t.dispatchEvent(e);
      expect(self).to.equal(t);
      expect(arg).to.equal(e);
    });
    it('a null callback is ignored', function () {
      const t = new OwnEventTarget();
      t.addEventListener('x', null);
      expect(t.dispatchEvent(ev())).to.equal(true);
    });
    it('fewer than 2 arguments → TypeError', function () {
      const t = new OwnEventTarget();
      expect(() => t.addEventListener('x')).to.throw(TypeError);
      expect(() => t.removeEventListener('x')).to.throw(TypeError);
    });
    it('listeners are per target', function () {
      const a = new OwnEventTarget();
      const b = new OwnEventTarget();
      let n = 0;
      a.addEventListener('x', () => n++);
      b.dispatchEvent(ev());
      expect(n).to.equal(0);
    });
  });

  describe('dispatch', function () {
    it('removal during dispatch: the removed listener is skipped', function () {
      const t = new OwnEventTarget();
      const log = [];
      const second = () => log.push(2);
      t.addEventListener('x', () => {
        log.push(1);
        t.removeEventListener('x', second);
      });
      t.addEventListener('x', second);
      t.addEventListener('x', () => log.push(3));
      t.dispatchEvent(ev());
      expect(log).to.deep.equal([1, 3]);
    });
    it('a listener that removes itself still finishes; later ones run', function () {
      const t = new OwnEventTarget();
      const log = [];
      const self = () => {
        log.push('self');
        t.removeEventListener('x', self);
      };
      t.addEventListener('x', self);
      t.addEventListener('x', () => log.push('next'));
      t.dispatchEvent(ev());
      t.dispatchEvent(ev());
      expect(log).to.deep.equal(['self', 'next', 'next']);
    });
    it('listeners added during dispatch are not called by that dispatch', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', () => {
        log.push('first');
        t.addEventListener('x', () => log.push('late'));
      });
      t.dispatchEvent(ev());
      expect(log).to.deep.equal(['first']);
      t.dispatchEvent(ev());
      expect(log).to.deep.equal(['first', 'first', 'late']);
    });
    it('removing and re-adding the same listener during dispatch: it is not called by that dispatch', function () {
      const t = new OwnEventTarget();
      const log = [];
      const b = () => log.push('b');
      t.addEventListener('x', () => {
        log.push('a');
        t.removeEventListener('x', b);
        t.addEventListener('x', b);
      });
      t.addEventListener('x', b);
      t.dispatchEvent(ev());
      expect(log).to.deep.equal(['a']);
    });
    it('stopImmediatePropagation: later listeners do not run', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', (e) => {
        log.push(1);
        e.stopImmediatePropagation();
      });
      t.addEventListener('x', () => log.push(2));
      t.dispatchEvent(ev());
      expect(log).to.deep.equal([1]);
    });
    it('stopPropagation alone does not stop listeners on the same target', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', (e) => {
        log.push(1);
        e.stopPropagation();
      });
      t.addEventListener('x', () => log.push(2));
      t.dispatchEvent(ev());
      expect(log).to.deep.equal([1, 2]);
    });
    it('a throwing listener does not stop the others; the error is reported (reportError)', function () {
      const t = new OwnEventTarget();
      const log = [];
      const boom = new Error('boom');
      t.addEventListener('x', () => log.push(1));
      t.addEventListener('x', () => {
        throw boom;
      });
      t.addEventListener('x', { handleEvent() { throw 'str'; } });
      t.addEventListener('x', () => log.push(4));
      expect(() => t.dispatchEvent(ev())).not.to.throw();
      expect(log).to.deep.equal([1, 4]);
      expect(reported).to.deep.equal([boom, 'str']);
    });
    it('a listener object without a callable handleEvent: a TypeError is reported, the others still run (DOM "call a user object\'s operation")', function () {
      const t = new OwnEventTarget();
      const log = [];
      t.addEventListener('x', {});
      t.addEventListener('x', { handleEvent: 'nope' });
      t.addEventListener('x', () => log.push('ok'));
      t.dispatchEvent(ev());
      expect(log).to.deep.equal(['ok']);
      expect(reported).to.have.length(2);
      for (const e of reported) expect(e).to.be.instanceOf(TypeError);
    });
    it('target and currentTarget during dispatch; eventPhase AT_TARGET', function () {
      const t = new OwnEventTarget();
      const e = ev();
      let seen = null;
      t.addEventListener('x', (a) => {
        seen = { target: a.target, currentTarget: a.currentTarget, phase: a.eventPhase };
      });
      t.dispatchEvent(e);
      expect(seen).to.deep.equal({ target: t, currentTarget: t, phase: 2 });
      expect(e.currentTarget, 'currentTarget cleared after dispatch').to.equal(null);
      expect(e.eventPhase, 'eventPhase NONE after dispatch').to.equal(0);
      expect(e.target, 'target kept after dispatch').to.equal(t);
    });
    it('dispatchEvent returns !defaultPrevented', function () {
      const t = new OwnEventTarget();
      t.addEventListener('x', (e) => e.preventDefault());
      expect(t.dispatchEvent(ev('x', { cancelable: true }))).to.equal(false);
      expect(t.dispatchEvent(ev('x', { cancelable: false }))).to.equal(true);
      expect(new OwnEventTarget().dispatchEvent(ev('x', { cancelable: true }))).to.equal(true);
    });
    it('dispatching a non-event → TypeError', function () {
      const t = new OwnEventTarget();
      expect(() => t.dispatchEvent()).to.throw(TypeError);
      expect(() => t.dispatchEvent('x')).to.throw(TypeError);
    });
  });

  describe('getTargetKind on Node 20', function () {
    afterEach(function () {
      setTargetKindForTesting(null);
    });
    it('native: instances are real native EventTargets', function () {
      setTargetKindForTesting(null);
      const k = getTargetKind();
      expect(k.native).to.equal(true);
      const Sub = function () {};
      Sub.prototype = Object.create(k.proto, { constructor: { value: Sub } });
      Object.setPrototypeOf(Sub, k.base);
      const t = k.create(Sub);
      expect(t).to.be.instanceOf(Sub);
      expect(t).to.be.instanceOf(EventTarget);
      let target = null;
      t.addEventListener('x', (e) => {
        target = e.target;
      });
      t.dispatchEvent(new Event('x'));
      expect(target).to.equal(t);
    });
    it("setTargetKindForTesting('own') gives the own kind", function () {
      setTargetKindForTesting('own');
      const k = getTargetKind();
      expect(k.native).to.equal(false);
      expect(k.proto).to.equal(OwnEventTarget.prototype);
    });
  });
});
