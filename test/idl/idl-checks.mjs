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
    const ctx = {
      def,
      name: def.name,
      I: () => global[def.name],
      P: () => global[def.inheritance],
      instance: () => instances[def.name](),
      check: (s, fn) => check(`${def.name}: ${s}`, fn),
      enums
    };
    interfaceObjectChecks(ctx, global);
    prototypeChecks(ctx);
    for (const m of def.members) {
      if (m.type === 'const') constantChecks(ctx, m);
      else if (m.type === 'attribute') attributeChecks(ctx, m);
      else if (m.type === 'operation' && m.name) operationChecks(ctx, m);
    }
    instanceChecks(ctx);
  }
  return rows;
}

/** Web IDL §3.7.1: the interface object. */
function interfaceObjectChecks({ def, name, I, P, check }, global) {
  const ctorDef = def.members.find((m) => m.type === 'constructor');
  const ctorLength = ctorDef ? requiredArgs(ctorDef.arguments) : 0;
  check('interface object exists', () => typeof I() === 'function' || 'typeof ' + typeof I());
  check('global property is writable, not enumerable, configurable', () => {
    const d = Object.getOwnPropertyDescriptor(global, name);
    return sameFlags(d, DATA(true, false, true)) || describeDesc(d);
  });
  check(`[[Prototype]] of the interface object is ${def.inheritance}`, () => Object.getPrototypeOf(I()) === P() || 'another object');
  check(`name is "${name}"`, () => {
    const d = Object.getOwnPropertyDescriptor(I(), 'name');
    return (I().name === name && sameFlags(d, DATA(false, false, true))) || `${JSON.stringify(I().name)}, ${describeDesc(d)}`;
  });
  check(`length is ${ctorLength}`, () => {
    const d = Object.getOwnPropertyDescriptor(I(), 'length');
    return (I().length === ctorLength && sameFlags(d, DATA(false, false, true))) || `${I().length}, ${describeDesc(d)}`;
  });
  check('called as a function → TypeError', () => throwsTypeError(() => I()('x')));
  check(`new with fewer than ${ctorLength} argument(s) → TypeError`, () => throwsTypeError(() => new (I())()));
}

/** Web IDL §3.7.3: the interface prototype object. */
function prototypeChecks({ def, name, I, P, check }) {
  check('prototype property is not writable, enumerable or configurable', () => {
    const d = Object.getOwnPropertyDescriptor(I(), 'prototype');
    return sameFlags(d, DATA(false, false, false)) || describeDesc(d);
  });
  check(`[[Prototype]] of the prototype is ${def.inheritance}.prototype`, () => Object.getPrototypeOf(I().prototype) === P().prototype || 'another object');
  check('prototype.constructor is the interface object (writable, not enumerable, configurable)', () => {
    const d = Object.getOwnPropertyDescriptor(I().prototype, 'constructor');
    return (sameFlags(d, DATA(true, false, true)) && d.value === I()) || describeDesc(d);
  });
  check(`Object.prototype.toString of the prototype is [object ${name}]`, () => {
    const s = Object.prototype.toString.call(I().prototype);
    return s === `[object ${name}]` || s;
  });
  check('@@toStringTag is not writable, not enumerable, configurable', () => {
    const d = Object.getOwnPropertyDescriptor(I().prototype, Symbol.toStringTag);
    return (sameFlags(d, DATA(false, false, true)) && d.value === name) || describeDesc(d);
  });
}

/** Web IDL §3.7.5: a constant, on the interface object and on the prototype. */
function constantChecks({ I, check }, m) {
  const value = Number(m.value.value);
  for (const [where, obj] of [['interface object', I], ['prototype', () => I().prototype]]) {
    check(`constant ${m.name} = ${value} on the ${where}`, () => {
      const d = Object.getOwnPropertyDescriptor(obj(), m.name);
      return (sameFlags(d, DATA(false, true, false)) && d.value === value) || describeDesc(d) + (d && 'value' in d ? ' = ' + d.value : '');
    });
  }
}

/** Web IDL §3.7.6: a regular attribute, an accessor on the prototype. */
function attributeChecks({ I, instance, check, enums }, m) {
  const a = `attribute ${m.name}`;
  const desc = () => Object.getOwnPropertyDescriptor(I().prototype, m.name);
  check(`${a}: an accessor on the prototype, enumerable, configurable`, () => {
    const d = desc();
    return (!!d && typeof d.get === 'function' && d.enumerable === true && d.configurable === true) || describeDesc(d);
  });
  check(`${a}: getter named "get ${m.name}", length 0`, () => {
    const g = desc().get;
    return (g.name === 'get ' + m.name && g.length === 0) || `${JSON.stringify(g.name)}, length ${g.length}`;
  });
  if (m.readonly) {
    check(`${a}: readonly, no setter`, () => desc().set === undefined || 'has a setter');
  } else {
    check(`${a}: setter named "set ${m.name}", length 1`, () => {
      const s = desc().set;
      if (typeof s !== 'function') return 'no setter';
      return (s.name === 'set ' + m.name && s.length === 1) || `${JSON.stringify(s.name)}, length ${s.length}`;
    });
    check(`${a}: setter on a non-instance → TypeError`, () => throwsTypeError(() => desc().set.call({}, null)));
  }
  check(`${a}: getter on the prototype → TypeError`, () => throwsTypeError(() => desc().get.call(I().prototype)));
  check(`${a}: getter on a plain object → TypeError`, () => throwsTypeError(() => desc().get.call({})));
  const ok = typeCheck(m.idlType, enums);
  check(`${a}: an instance gives a ${typeof m.idlType.idlType === 'string' ? m.idlType.idlType : 'value'}`, () => {
    const v = instance()[m.name];
    return ok(v) || `${typeof v} ${String(v)}`;
  });
  check(`${a}: not an own property of an instance`, () => !Object.prototype.hasOwnProperty.call(instance(), m.name) || 'own property');
}

/** Web IDL §3.7.7: a regular operation, a method on the prototype. */
function operationChecks({ I, check }, m) {
  const o = `operation ${m.name}`;
  const len = requiredArgs(m.arguments);
  check(`${o}: a method on the prototype (writable, enumerable, configurable)`, () => {
    const d = Object.getOwnPropertyDescriptor(I().prototype, m.name);
    return (sameFlags(d, DATA(true, true, true)) && typeof d.value === 'function') || describeDesc(d);
  });
  check(`${o}: name "${m.name}", length ${len}`, () => {
    const f = I().prototype[m.name];
    return (f.name === m.name && f.length === len) || `${JSON.stringify(f.name)}, length ${f.length}`;
  });
  check(`${o}: called on the prototype → TypeError`, () => throwsTypeError(() => I().prototype[m.name].call(I().prototype, 'x')));
  check(`${o}: called on a plain object → TypeError`, () => throwsTypeError(() => I().prototype[m.name].call({}, 'x')));
}

/** Web IDL §3.8: a platform object implementing the interface. */
function instanceChecks({ def, name, I, P, instance, check }) {
  check('an instance: [[Prototype]] is the prototype', () => Object.getPrototypeOf(instance()) === I().prototype || 'another object');
  check(`an instance is instanceof ${name} and ${def.inheritance}`, () => (instance() instanceof I() && instance() instanceof P()) || 'no');
  check(`Object.prototype.toString of an instance is [object ${name}]`, () => {
    const s = Object.prototype.toString.call(instance());
    return s === `[object ${name}]` || s;
  });
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
