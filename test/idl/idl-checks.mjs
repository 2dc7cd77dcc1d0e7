// Web IDL checks derived from an IDL fragment (parsed by webidl2): what Web IDL §3.7
// ("Interface objects", "Interface prototype object", constants, attributes, operations) says
// the JavaScript objects for each interface look like. One host-agnostic module: Node
// (test/idl/idl.test.mjs) and the browser page (test/browsers/pages/idl.mjs) run it against
// the native classes and against the shim's, and compare the two lists.
//
//   idlChecks(ast, { global, instances })
//     ast        webidl2's parse() of test/idl/websockets.webidl
//     global     where the interface objects are looked up (globalThis, after or before install)
//     instances  { WebSocket: () => object, CloseEvent: () => object }: one instance each
//   → [{ id, pass, detail }]   one row per check; `id` is stable across engines
//
// Expectations come from Web IDL and the IDL text only.

const DATA = (w, e, c) => ({ writable: w, enumerable: e, configurable: c });

function describeDesc(d) {
  if (!d) return 'absent';
  if ('value' in d) return `data w:${d.writable} e:${d.enumerable} c:${d.configurable}`;
  return `accessor get:${typeof d.get} set:${typeof d.set} e:${d.enumerable} c:${d.configurable}`;
}

function sameFlags(d, flags) {
  return !!d && 'value' in d && d.writable === flags.writable && d.enumerable === flags.enumerable && d.configurable === flags.configurable;
}

function throwsTypeError(fn) {
  try {
    fn();
  } catch (e) {
    return e instanceof TypeError || (e && e.name === 'TypeError') ? true : 'threw ' + (e && e.name);
  }
  return 'no exception';
}

/** typeof an attribute value of this IDL type must be; enums are strings in the enum. */
function typeCheck(idlType, enums) {
  const t = typeof idlType.idlType === 'string' ? idlType.idlType : 'union';
  if (t === 'EventHandler') return (v) => v === null || typeof v === 'function';
  if (enums[t]) return (v) => enums[t].indexOf(v) !== -1;
  if (/String$/.test(t)) return (v) => typeof v === 'string';
  if (t === 'boolean') return (v) => typeof v === 'boolean';
  if (/short|long|byte|double|float/.test(t)) return (v) => typeof v === 'number';
  return () => true;
}

function requiredArgs(args) {
  let n = 0;
  for (const a of args) {
    if (a.optional || a.variadic) break;
    n++;
  }
  return n;
}

export function idlChecks(ast, { global, instances }) {
  const rows = [];
  const check = (id, fn) => {
    let r;
    try {
      r = fn();
    } catch (e) {
      r = 'check threw ' + (e && e.name) + ': ' + (e && e.message);
    }
    rows.push({ id, pass: r === true, detail: r === true ? '' : String(r) });
  };
  const enums = {};
  for (const def of ast) if (def.type === 'enum') enums[def.name] = def.values.map((v) => v.value);

  for (const def of ast) {
    if (def.type !== 'interface') continue;
    const name = def.name;
    const I = () => global[name];
    const P = () => global[def.inheritance];
    const ctorDef = def.members.find((m) => m.type === 'constructor');
    const ctorLength = ctorDef ? requiredArgs(ctorDef.arguments) : 0;
    const id = (s) => `${name}: ${s}`;

    // §3.7.1 interface object
    check(id('interface object exists'), () => typeof I() === 'function' || 'typeof ' + typeof I());
    check(id('global property is writable, not enumerable, configurable'), () => {
      const d = Object.getOwnPropertyDescriptor(global, name);
      return sameFlags(d, DATA(true, false, true)) || describeDesc(d);
    });
    check(id(`[[Prototype]] of the interface object is ${def.inheritance}`), () => Object.getPrototypeOf(I()) === P() || 'another object');
    check(id(`name is "${name}"`), () => {
      const d = Object.getOwnPropertyDescriptor(I(), 'name');
      return (I().name === name && sameFlags(d, DATA(false, false, true))) || `${JSON.stringify(I().name)}, ${describeDesc(d)}`;
    });
    check(id(`length is ${ctorLength}`), () => {
      const d = Object.getOwnPropertyDescriptor(I(), 'length');
      return (I().length === ctorLength && sameFlags(d, DATA(false, false, true))) || `${I().length}, ${describeDesc(d)}`;
    });
    check(id('called as a function → TypeError'), () => throwsTypeError(() => I()('x')));
    check(id(`new with fewer than ${ctorLength} argument(s) → TypeError`), () => throwsTypeError(() => new (I())()));

    // §3.7.3 interface prototype object
    check(id('prototype property is not writable, enumerable or configurable'), () => {
      const d = Object.getOwnPropertyDescriptor(I(), 'prototype');
      return sameFlags(d, DATA(false, false, false)) || describeDesc(d);
    });
    check(id(`[[Prototype]] of the prototype is ${def.inheritance}.prototype`), () => Object.getPrototypeOf(I().prototype) === P().prototype || 'another object');
    check(id('prototype.constructor is the interface object (writable, not enumerable, configurable)'), () => {
      const d = Object.getOwnPropertyDescriptor(I().prototype, 'constructor');
      return (sameFlags(d, DATA(true, false, true)) && d.value === I()) || describeDesc(d);
    });
    check(id(`Object.prototype.toString of the prototype is [object ${name}]`), () => {
      const s = Object.prototype.toString.call(I().prototype);
      return s === `[object ${name}]` || s;
    });
    check(id('@@toStringTag is not writable, not enumerable, configurable'), () => {
      const d = Object.getOwnPropertyDescriptor(I().prototype, Symbol.toStringTag);
      return (sameFlags(d, DATA(false, false, true)) && d.value === name) || describeDesc(d);
    });

    for (const m of def.members) {
      if (m.type === 'const') {
        const value = Number(m.value.value);
        for (const [where, obj] of [['interface object', I], ['prototype', () => I().prototype]]) {
          check(id(`constant ${m.name} = ${value} on the ${where}`), () => {
            const d = Object.getOwnPropertyDescriptor(obj(), m.name);
            return (sameFlags(d, DATA(false, true, false)) && d.value === value) || describeDesc(d) + (d && 'value' in d ? ' = ' + d.value : '');
          });
        }
      } else if (m.type === 'attribute') {
        const a = `attribute ${m.name}`;
        const desc = () => Object.getOwnPropertyDescriptor(I().prototype, m.name);
        check(id(`${a}: an accessor on the prototype, enumerable, configurable`), () => {
          const d = desc();
          return (!!d && typeof d.get === 'function' && d.enumerable === true && d.configurable === true) || describeDesc(d);
        });
        check(id(`${a}: getter named "get ${m.name}", length 0`), () => {
          const g = desc().get;
          return (g.name === 'get ' + m.name && g.length === 0) || `${JSON.stringify(g.name)}, length ${g.length}`;
        });
        if (m.readonly) {
          check(id(`${a}: readonly, no setter`), () => desc().set === undefined || 'has a setter');
        } else {
          check(id(`${a}: setter named "set ${m.name}", length 1`), () => {
            const s = desc().set;
            if (typeof s !== 'function') return 'no setter';
            return (s.name === 'set ' + m.name && s.length === 1) || `${JSON.stringify(s.name)}, length ${s.length}`;
          });
          check(id(`${a}: setter on a non-instance → TypeError`), () => throwsTypeError(() => desc().set.call({}, null)));
        }
        check(id(`${a}: getter on the prototype → TypeError`), () => throwsTypeError(() => desc().get.call(I().prototype)));
        check(id(`${a}: getter on a plain object → TypeError`), () => throwsTypeError(() => desc().get.call({})));
        const ok = typeCheck(m.idlType, enums);
        check(id(`${a}: an instance gives a ${typeof m.idlType.idlType === 'string' ? m.idlType.idlType : 'value'}`), () => {
          const inst = instances[name]();
          const v = inst[m.name];
          return ok(v) || `${typeof v} ${String(v)}`;
        });
        check(id(`${a}: not an own property of an instance`), () => !Object.prototype.hasOwnProperty.call(instances[name](), m.name) || 'own property');
      } else if (m.type === 'operation' && m.name) {
        const o = `operation ${m.name}`;
        const len = requiredArgs(m.arguments);
        check(id(`${o}: a method on the prototype (writable, enumerable, configurable)`), () => {
          const d = Object.getOwnPropertyDescriptor(I().prototype, m.name);
          return (sameFlags(d, DATA(true, true, true)) && typeof d.value === 'function') || describeDesc(d);
        });
        check(id(`${o}: name "${m.name}", length ${len}`), () => {
          const f = I().prototype[m.name];
          return (f.name === m.name && f.length === len) || `${JSON.stringify(f.name)}, length ${f.length}`;
        });
        check(id(`${o}: called on the prototype → TypeError`), () => throwsTypeError(() => I().prototype[m.name].call(I().prototype, 'x')));
        check(id(`${o}: called on a plain object → TypeError`), () => throwsTypeError(() => I().prototype[m.name].call({}, 'x')));
      }
    }

    // An instance (Web IDL §3.8 platform objects)
    check(id('an instance: [[Prototype]] is the prototype'), () => Object.getPrototypeOf(instances[name]()) === I().prototype || 'another object');
    check(id(`an instance is instanceof ${name} and ${def.inheritance}`), () => (instances[name]() instanceof I() && instances[name]() instanceof P()) || 'no');
    check(id(`Object.prototype.toString of an instance is [object ${name}]`), () => {
      const s = Object.prototype.toString.call(instances[name]());
      return s === `[object ${name}]` || s;
    });
  }
  return rows;
}

/** "passed/total" */
export function countOf(rows) {
  return `${rows.filter((r) => r.pass).length}/${rows.length}`;
}

/** Ids of checks the native passes and the shim fails: must be empty. */
export function regressions(native, shim) {
  const shimById = new Map(shim.map((r) => [r.id, r]));
  return native.filter((r) => r.pass && !(shimById.get(r.id) || {}).pass).map((r) => `${r.id}: ${(shimById.get(r.id) || {}).detail || 'missing'}`);
}
