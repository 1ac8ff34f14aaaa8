// @ts-check
/**
 * The form a chapter's parameter table describes, kept in step with the URL hash.
 *
 * - `live` chapters (a slider moves the picture) apply every valid change at once; each edit (typing
 *   into a field, dragging a slider) is one history entry, so Back undoes it; `apply` chapters (a training run) apply on Reset and push a history entry, so Back returns
 *   to the previous run's settings.
 * - A bad value, typed or in a link, gets a message naming the parameter and its range; the last
 *   good value (or the default) stays in use meanwhile. Every problem is listed at once.
 */
import { esc } from '../dom.js';
import { tex } from './tex.js';
import { parseValue, formatValue, readQuery, toQuery, defaults } from './params.js';

/** @typedef {import('./params.js').ParamSpec} ParamSpec */
/** @typedef {import('./params.js').ParamError} ParamError */

/**
 * @typedef {object} ChapterContext
 * @property {number} number
 * @property {string} title
 * @property {string} id
 * @property {(query: string, options?: {push?: boolean}) => void} setQuery  write the chapter's state into the URL
 */

/**
 * @param {object} o
 * @param {ParamSpec[]} o.specs
 * @param {HTMLElement} o.container    receives the fields
 * @param {URLSearchParams} o.query    the URL's parameters at mount
 * @param {ChapterContext} o.ctx
 * @param {'live'|'apply'} [o.mode]
 * @param {(values: Record<string, any>, changed: string|null) => void} [o.onChange]  live mode: every valid change
 * @param {string[]} [o.ignore]        URL keys the chapter reads itself
 * @param {HTMLElement} [o.errors]     where messages go (default: a box after the fields)
 */
export function createSettings({ specs, container, query, ctx, mode = 'live', onChange = () => {}, ignore = [], errors }) {
  const first = readQuery(specs, query, ignore);
  /** @type {any} The values in use: the last valid set applied. */
  let values = first.values;
  /** Within one edit (typing, dragging) until the field is committed. */
  let editing = false;
  /** Problems from the link, shown until the field is edited. */
  let linkErrors = first.errors;

  container.innerHTML = fieldsHTML(specs, values);
  const box = errors || container.appendChild(Object.assign(document.createElement('div'), { className: 'error-box' }));
  box.setAttribute('role', 'alert');
  box.dataset.testid ||= 'param-errors';
  const form = container.closest('form') || container;
  show(linkErrors);

  container.addEventListener('input', onEdit);
  container.addEventListener('change', onEdit);

  function field(name) {
    return /** @type {HTMLInputElement|HTMLSelectElement|null} */ (container.querySelector(`[name="${name}"]`));
  }

  function text(spec) {
    const el = field(spec.name);
    if (!el) return formatValue(spec, values[spec.name]);
    if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? '1' : '0';
    return el.value;
  }

  /** Parse the whole form. */
  function read() {
    const out = { ...values };
    /** @type {ParamError[]} */
    const errs = [];
    for (const spec of specs) {
      const parsed = parseValue(spec, text(spec));
      if (parsed.error !== undefined) errs.push({ name: spec.name, message: parsed.error });
      else out[spec.name] = parsed.value;
    }
    return { values: out, errors: errs };
  }

  /** @param {Event} e */
  function onEdit(e) {
    const target = /** @type {HTMLInputElement} */ (e.target);
    const name = target?.name;
    if (!name || !specs.some((s) => s.name === name)) return;
    linkErrors = linkErrors.filter((err) => err.name !== name && specs.some((s) => s.name === err.name));
    showSliderValue(name);
    const { values: next, errors: errs } = read();
    // Typing: say what is wrong only once the field is left, but clear a message as soon as it is fixed.
    const shown = e.type === 'input' && target.type === 'text' ? errs.filter((x) => isShown(x.name)) : errs;
    show([...linkErrors, ...shown]);
    if (mode === 'live' && !errs.length) {
      const changed = specs.some((s) => formatValue(s, next[s.name]) !== formatValue(s, values[s.name]));
      if (changed) {
        values = next;
        // One history entry per edit: the first change pushes, the rest of the drag or typing replaces it.
        ctx.setQuery(toQuery(specs, values), { push: !editing });
        editing = true;
        onChange(values, name);
      }
    }
    if (e.type === 'change') editing = false;
  }

  function isShown(name) {
    return field(name)?.getAttribute('aria-invalid') === 'true';
  }

  /** @param {ParamError[]} errs */
  function show(errs) {
    box.hidden = !errs.length;
    box.innerHTML = errs.length ? `<ul>${errs.map((x) => `<li data-param="${esc(x.name)}">${esc(x.message)}</li>`).join('')}</ul>` : '';
    for (const spec of specs) {
      const el = field(spec.name);
      if (!el) continue;
      if (errs.some((x) => x.name === spec.name)) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
  }

  function showSliderValue(name) {
    const out = container.querySelector(`output[data-for="${name}"]`);
    const el = field(name);
    if (out && el) out.textContent = el.value;
  }

  /** Put `next` into the form (and make it the values in use). */
  function set(next) {
    values = { ...values, ...next };
    for (const spec of specs) {
      const el = field(spec.name);
      if (!el) continue;
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = Boolean(values[spec.name]);
      else el.value = formatValue(spec, values[spec.name]);
      showSliderValue(spec.name);
    }
    show([]);
  }

  return {
    get values() {
      return values;
    },
    form,
    /** Parse the form; on success the values are in use and the URL gets a history entry. */
    apply() {
      const result = read();
      if (result.errors.length) {
        show([...linkErrors, ...result.errors]);
        return null;
      }
      linkErrors = [];
      show([]);
      values = result.values;
      ctx.setQuery(toQuery(specs, values), { push: true });
      return values;
    },
    /** The form's current reading, without applying it. */
    read,
    /** Whether the form differs from the values in use. */
    dirty() {
      return specs.some((s) => text(s).trim() !== formatValue(s, values[s.name]));
    },
    set,
    /** Back / forward: the URL's values into the form. Returns them. */
    fromQuery(query) {
      const parsed = readQuery(specs, query, ignore);
      set(parsed.values);
      linkErrors = parsed.errors;
      show(linkErrors);
      return values;
    },
    /**
     * Show extra problems (e.g. the core's validation) with the link's: `{name, message}` marks the field
     * `name`; a plain message marks the field it names, if any.
     * @param {(string|ParamError)[]} problems
     */
    showErrors(problems) {
      const named = problems.map((m) => (typeof m === 'string'
        ? { name: specs.find((s) => new RegExp(`\\b${s.name}\\b`).test(m))?.name || '', message: m }
        : m));
      show([...linkErrors, ...named]);
    },
    /** The problems on show. */
    get errors() {
      return [...box.querySelectorAll('li')].map((li) => ({ name: /** @type {HTMLElement} */ (li).dataset.param || '', message: li.textContent || '' }));
    },
    query: () => toQuery(specs, values),
    reset() {
      set(defaults(specs));
    },
    /** Stop listening to the form (a chapter that rebuilds its form, e.g. with other defaults). */
    destroy() {
      container.removeEventListener('input', onEdit);
      container.removeEventListener('change', onEdit);
    },
  };
}

/** The fields: label (plain words + the lecture's symbol), input, optional hint. */
export function fieldsHTML(specs, values) {
  const main = specs.filter((s) => s.group !== 'more');
  const more = specs.filter((s) => s.group === 'more');
  const html = (list) => list.map((s) => fieldHTML(s, values[s.name])).join('');
  return `<div class="fields">${html(main)}</div>${more.length
    ? `<details class="more-settings" data-testid="more-settings"><summary>More settings</summary><div class="fields">${html(more)}</div></details>`
    : ''}`;
}

/**
 * @param {ParamSpec} spec
 * @param {any} value
 */
function fieldHTML(spec, value) {
  const id = `p-${spec.name}`;
  const symbol = spec.tex ? ` <span class="sym">${tex(spec.tex)}</span>` : '';
  const label = `<span class="field-label">${esc(spec.label)}${symbol}</span>`;
  const hint = spec.hint ? `<small class="field-hint">${esc(spec.hint)}</small>` : '';
  const common = `name="${esc(spec.name)}" id="${id}" data-testid="${esc(spec.name)}"`;
  const text = formatValue(spec, value);
  let input;
  if (spec.type === 'choice') {
    const options = (spec.options || []).map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
    input = `<select ${common}>${options.map((o) =>
      `<option value="${esc(o.value)}"${o.value === text ? ' selected' : ''}>${esc(o.label)}</option>`).join('')}</select>`;
  } else if (spec.type === 'bool') {
    return `<label class="field check" for="${id}"><input type="checkbox" ${common}${value ? ' checked' : ''}> ${label}${hint}</label>`;
  } else if (spec.slider) {
    input = `<span class="slider"><input type="range" ${common} min="${spec.min}" max="${spec.max}" step="${spec.step ?? 'any'}"
      value="${esc(text)}"><output data-for="${esc(spec.name)}" for="${id}">${esc(text)}</output></span>`;
  } else {
    const mode = spec.type === 'int' ? 'numeric' : spec.type === 'number' ? 'decimal' : 'text';
    const size = spec.type === 'ints' || spec.type === 'numbers' ? 14 : 7;
    input = `<input type="text" ${common} inputmode="${mode}" autocomplete="off" spellcheck="false" size="${size}" value="${esc(text)}">`;
  }
  const wide = spec.type === 'ints' || spec.type === 'numbers' ? ' wide' : '';
  return `<label class="field${wide}" for="${id}">${label}${input}${hint}</label>`;
}


/**
 * Several parameter tables behind one URL, for a chapter whose parts each have their own form: every
 * part's change writes the whole chapter's query, each part reads only its own keys, and a key no
 * table knows is reported once (by part 0).
 * @param {ChapterContext} ctx
 * @param {URLSearchParams} query  the URL's parameters
 * @param {({name: string}|string)[][]} tables  one table per part (plain strings: URL keys a part reads itself)
 */
export function linkTables(ctx, query, tables) {
  const names = tables.map((specs) => specs.map((s) => (typeof s === 'string' ? s : s.name)));
  /** @type {{query(): string}[]} */
  const parts = [];
  const joined = () => parts.map((p) => p.query()).filter(Boolean).join('&');
  /** @type {ChapterContext} */
  const shared = { ...ctx, setQuery: (_part, options) => ctx.setQuery(joined(), options) };
  return {
    ctx: shared,
    /** The keys part `i` reads: its own; part 0 also sees the unknown ones, to report them. */
    queryFor(i, q = query) {
      const others = names.filter((_, n) => n !== i).flat();
      return new URLSearchParams([...q].filter(([k]) => (i === 0 ? !others.includes(k) : names[i].includes(k))));
    },
    /** The other parts' keys, which part `i` leaves alone. */
    ignoreFor(i) {
      return names.filter((_, n) => n !== i).flat();
    },
    /** Part `i`'s settings (or anything with `query()`), in table order. */
    register(i, part) {
      parts[i] = part;
      return part;
    },
    query: joined,
  };
}
