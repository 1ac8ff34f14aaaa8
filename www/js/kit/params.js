// @ts-check
/**
 * A chapter's parameter table: each parameter declared once (name, type, range, default, label, the
 * formula it stands for). The table drives the form, validation and the URL hash, as TF Playground's
 * `State.PROPS` does: `#/mnist?sizes=784,100,10&eta=0.5&seed=7`.
 *
 * Numbers are read as plain decimals only ("0x10", "1_000" and "Infinity" are rejected), and every
 * problem is reported at once, each naming its parameter and the allowed range in plain words.
 */

/**
 * @typedef {object} ParamSpec
 * @property {string} name            URL key (and, for MNIST, the TrainConfig field)
 * @property {'number'|'int'|'ints'|'choice'|'bool'|'numbers'} type
 * @property {string} label           plain words, e.g. "learning rate"
 * @property {any} default
 * @property {string} [tex]           the lecture's symbol or formula, LaTeX (e.g. "\\eta")
 * @property {number} [min]           inclusive unless `minExclusive`
 * @property {number} [max]           inclusive
 * @property {boolean} [minExclusive]
 * @property {number} [minLength]     for lists
 * @property {number} [maxLength]     for lists
 * @property {(string|{value: string, label: string})[]} [options]  for choices
 * @property {string[]} [aliases]     other URL names accepted on the way in
 * @property {boolean} [always]       always written into the link (the seed)
 * @property {'main'|'more'} [group]  'more' fields go under "more settings"
 * @property {number} [step]          slider step; with `slider`, the input is a range
 * @property {boolean} [slider]
 * @property {string} [hint]          one line under the field
 */

/** @typedef {{name: string, message: string}} ParamError */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const WHOLE = /^[+-]?\d+$/;
/** How much of a user's text an error message repeats. */
const ECHO = 24;

/** The user's text as an error message quotes it: trimmed, and cut to a readable length. */
export function quote(text) {
  const s = String(text);
  return `“${s.length > ECHO ? `${s.slice(0, ECHO)}…` : s}”`;
}

/** "between 0 and 10", "greater than 0 and at most 10", "at least 1" … */
export function rangeWords(spec) {
  const { min, max, minExclusive } = spec;
  const lo = min === undefined ? '' : minExclusive ? `greater than ${fmt(min)}` : `at least ${fmt(min)}`;
  const hi = max === undefined ? '' : `at most ${fmt(max)}`;
  if (min !== undefined && max !== undefined && !minExclusive) return `between ${fmt(min)} and ${fmt(max)}`;
  return [lo, hi].filter(Boolean).join(' and ') || 'any number';
}

function fmt(x) {
  if (Number.isSafeInteger(x)) return String(x);
  return Math.abs(x) >= 1e5 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential().replace('e+', 'e') : String(x);
}

/** The option values of a choice parameter. */
export function optionValues(spec) {
  return (spec.options || []).map((o) => (typeof o === 'string' ? o : o.value));
}

/** How a parameter is named in messages: "learning rate η (eta)". */
export function displayName(spec) {
  return spec.label === spec.name ? spec.name : `${spec.label} (${spec.name})`;
}

/**
 * Parse one parameter from text. Returns `{value}` or `{error}`; the error names the parameter and
 * says the allowed range.
 * @param {ParamSpec} spec
 * @param {string} text
 * @returns {{value: any, error?: undefined} | {error: string, value?: undefined}}
 */
export function parseValue(spec, text) {
  const t = String(text).trim();
  const who = displayName(spec);
  const inRange = (x) =>
    (spec.min === undefined || (spec.minExclusive ? x > spec.min : x >= spec.min)) && (spec.max === undefined || x <= spec.max);
  const number = (part, whole) => {
    if (whole ? !WHOLE.test(part) : !DECIMAL.test(part)) return null;
    const x = Number(part);
    return Number.isFinite(x) ? x : null;
  };
  switch (spec.type) {
    case 'number':
    case 'int': {
      const whole = spec.type === 'int';
      const x = number(t, whole);
      const kind = whole ? 'a whole number' : 'a number';
      if (x === null || (whole && !Number.isSafeInteger(x))) {
        return { error: `${who} must be ${kind} ${rangeWords(spec)}, got ${quote(t)}` };
      }
      if (!whole && x !== 0 && Math.abs(x) < 1e-30) return { error: `${who} ${quote(t)} is too close to 0 to compute with; use ${rangeWords(spec)}` };
      if (!inRange(x)) return { error: `${who} must be ${kind} ${rangeWords(spec)}, got ${quote(t)}` };
      return { value: x };
    }
    case 'ints':
    case 'numbers': {
      const whole = spec.type === 'ints';
      const parts = t.split(/[\s,;]+/).filter(Boolean);
      const lo = spec.minLength ?? 1;
      const hi = spec.maxLength ?? 64;
      if (parts.length < lo || parts.length > hi) {
        const count = lo === hi ? `${lo}` : `${lo} to ${hi}`;
        return { error: `${who} must list ${count} ${whole ? 'whole numbers' : 'numbers'} separated by commas, got ${parts.length}` };
      }
      const values = [];
      for (const [i, part] of parts.entries()) {
        const x = number(part, whole);
        if (x === null || !inRange(x)) {
          return { error: `${spec.name}[${i}] must be ${whole ? 'a whole number ' : ''}${rangeWords(spec)}, got ${quote(part)}` };
        }
        values.push(x);
      }
      return { value: values };
    }
    case 'choice': {
      const values = optionValues(spec);
      if (values.includes(t)) return { value: t };
      return { error: `${who} must be one of ${values.join(', ')}, got ${quote(t)}` };
    }
    case 'bool':
      if (['1', 'true', 'on', 'yes'].includes(t)) return { value: true };
      if (['0', 'false', 'off', 'no', ''].includes(t)) return { value: false };
      return { error: `${who} must be on or off (1 or 0), got ${quote(t)}` };
    default:
      return { error: `${spec.name}: unknown parameter type` };
  }
}

/** A value as it appears in the form and in the URL. */
export function formatValue(spec, value) {
  if (spec.type === 'ints' || spec.type === 'numbers') return value.join(',');
  if (spec.type === 'bool') return value ? '1' : '0';
  return String(value);
}

/** Every parameter at its default. */
export function defaults(specs) {
  return Object.fromEntries(specs.map((s) => [s.name, structuredClone(s.default)]));
}

/**
 * Values from URL parameters: each one given is validated; a bad one is reported and its default used.
 * Unknown keys are reported too (a misspelt link should not silently do nothing).
 * @param {ParamSpec[]} specs
 * @param {URLSearchParams} query
 * @param {string[]} [ignore] keys the chapter handles itself
 * @returns {{values: Record<string, any>, errors: ParamError[]}}
 */
export function readQuery(specs, query, ignore = []) {
  const values = defaults(specs);
  /** @type {ParamError[]} */
  const errors = [];
  const known = new Set(ignore);
  for (const spec of specs) {
    const names = [spec.name, ...(spec.aliases || [])];
    names.forEach((n) => known.add(n));
    const key = names.find((n) => query.has(n));
    if (key === undefined) continue;
    const parsed = parseValue(spec, query.get(key) ?? '');
    if (parsed.error !== undefined) errors.push({ name: spec.name, message: `${parsed.error} (in the link; using ${formatValue(spec, spec.default)})` });
    else values[spec.name] = parsed.value;
  }
  for (const key of query.keys()) {
    if (!known.has(key)) errors.push({ name: key, message: `the link sets ${quote(key)}, which this chapter does not know; it is ignored` });
  }
  return { values, errors };
}

/**
 * The query string for `values`: every parameter that differs from its default, plus those marked
 * `always` (the seed), in table order.
 * @param {ParamSpec[]} specs
 * @param {Record<string, any>} values
 */
export function toQuery(specs, values) {
  const query = new URLSearchParams();
  for (const spec of specs) {
    const text = formatValue(spec, values[spec.name]);
    if (spec.always || text !== formatValue(spec, spec.default)) query.set(spec.name, text);
  }
  return query.toString().replace(/%2C/g, ',');
}

/** Whether two value records describe the same settings. */
export function sameValues(specs, a, b) {
  return specs.every((s) => formatValue(s, a[s.name]) === formatValue(s, b[s.name]));
}
