// @ts-check
/**
 * The optimizer chapter's tables: the surfaces (the core's, with a view box, a start and learning rates
 * that suit each) and the optimizers (their parameters, the slide's update rule, what they keep, and the
 * core's config object they stand for). Plain data: no DOM.
 */

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */

/**
 * Each surface: the core's name, its formula, a view box, the start and the step budget, and η per optimizer
 * that makes a fair race (each about as large as is stable there). `log`: shade on a log scale.
 */
export const SURFACES = [
  {
    value: 'bowl', label: 'bowl: ½x² + 5y²', tex: 'f = \\tfrac12 x^2 + 5 y^2', log: false,
    box: [-5, 5, -2.5, 2.5], start: [-4.5, 2], steps: 150,
    eta: { sgd: 0.18, mom: 0.05, nag: 0.05, adagrad: 1, rms: 0.1, adam: 0.3, adamw: 0.3 },
    params: { momBeta: 0.7, nagBeta: 0.7 },
    note: 'Slopes differ per dimension: the y walls are 10× steeper than the x floor.',
  },
  {
    value: 'ravine', label: 'long ravine: x²/20 + 10y²', tex: 'f = \\tfrac{1}{20} x^2 + 10 y^2', log: false,
    box: [-10, 2, -1.5, 1.5], start: [-9, 1], steps: 300,
    eta: { sgd: 0.09, mom: 0.02, nag: 0.02, adagrad: 1, rms: 0.05, adam: 0.2, adamw: 0.2 },
    note: 'A long narrow valley (curvatures 0.1 and 20): a step small enough for the walls crawls along the floor.',
  },
  {
    value: 'rosenbrock', label: 'Rosenbrock', tex: 'f = (1 - x)^2 + 100\\,(y - x^2)^2', log: true,
    box: [-2, 2, -1, 3], start: [-1.5, 2], steps: 3000,
    eta: { sgd: 0.0005, mom: 0.0001, nag: 0.0001, adagrad: 0.5, rms: 0.005, adam: 0.02, adamw: 0.02 },
    note: 'The minimum (1, 1) lies at the end of a long curved valley.',
  },
  {
    value: 'beale', label: 'Beale', tex: 'f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2', log: true,
    box: [-1, 4.5, -1.5, 2.5], start: [1, 1.5], steps: 3000,
    eta: { sgd: 0.002, mom: 0.0005, nag: 0.0005, adagrad: 0.5, rms: 0.005, adam: 0.01, adamw: 0.01 },
    note: 'Flat plateaus and steep ridges; the minimum is at (3, 0.5).',
  },
  {
    value: 'saddle', label: 'saddle: x² − y²', tex: 'f = x^2 - y^2', log: false,
    box: [-2, 2, -2, 2], start: [1.8, 0.01], steps: 40,
    eta: { sgd: 0.05, mom: 0.02, nag: 0.02, adagrad: 0.2, rms: 0.02, adam: 0.05, adamw: 0.05 },
    note: 'Started almost on the ridge: ∇f at the saddle point is 0, so plain gradient descent stalls there.',
  },
  {
    value: 'localMinima', label: 'local minima', tex: 'f = \\tfrac{1}{10}(x^2 + y^2) - \\cos 2x \\cos 2y', log: false,
    box: [-4, 4, -4, 4], start: [-3.5, 1.2], steps: 300,
    eta: { sgd: 0.1, mom: 0.05, nag: 0.05, adagrad: 0.5, rms: 0.05, adam: 0.2, adamw: 0.2 },
    note: 'The global minimum is at (0, 0); the dimples around it trap some optimizers and not others.',
  },
];

export const surfaceOf = (name) => SURFACES.find((s) => s.value === name) || SURFACES[0];

/**
 * The optimizers. `keeps`: names of the state the core's trace records (first, second buffer) with their
 * LaTeX; `rule`: the slide's update, `params`: its hyperparameters besides η.
 */
export const OPTIMIZERS = [
  {
    id: 'sgd', label: 'SGD', color: '#1b1f2a',
    rule: '\\theta \\leftarrow \\theta - \\eta\\, \\nabla f(\\theta)',
    keeps: [], says: 'keeps nothing: each step sees only the gradient where it stands',
    params: [],
    config: () => ({ kind: 'sgd' }),
  },
  {
    id: 'mom', label: 'momentum', color: '#e03131',
    rule: '\\Delta \\leftarrow \\beta \\Delta - \\eta \\nabla f, \\quad \\theta \\leftarrow \\theta + \\Delta',
    ruleAccumulated: 'v \\leftarrow \\beta v + \\nabla f, \\quad \\theta \\leftarrow \\theta - \\eta\\, v',
    keeps: [{ tex: '\\Delta', accumulatedTex: 'v' }],
    says: 'Δ (the velocity): steps that agree add up, steps that flip sign cancel',
    params: [
      { name: 'Beta', type: 'number', min: 0, max: 0.999, default: 0.9, label: 'momentum', tex: '\\beta' },
      {
        name: 'Form', type: 'choice', default: 'velocity', label: 'form',
        options: [{ value: 'velocity', label: 'Δ ← βΔ − η∇f' }, { value: 'accumulated', label: 'v ← βv + ∇f' }],
      },
    ],
    config: (v) => ({ kind: 'momentum', beta: v.Beta, form: v.Form }),
  },
  {
    id: 'nag', label: 'Nesterov', color: '#f08c00',
    rule: 'v \\leftarrow \\beta v + \\nabla f, \\quad \\theta \\leftarrow \\theta - \\eta\\,(\\nabla f + \\beta v)',
    keeps: [{ tex: 'v' }], says: 'v, and it steps as if it had already taken the next momentum step',
    params: [{ name: 'Beta', type: 'number', min: 0, max: 0.999, default: 0.9, label: 'momentum', tex: '\\beta' }],
    config: (v) => ({ kind: 'nesterov', beta: v.Beta }),
  },
  {
    id: 'adagrad', label: 'AdaGrad', color: '#2b8a3e',
    rule: 'G \\leftarrow G + (\\nabla f)^2, \\quad \\theta \\leftarrow \\theta - \\frac{\\eta}{\\sqrt{G} + \\varepsilon} \\nabla f',
    keeps: [{ tex: '\\textstyle G = \\sum \\nabla^2' }], says: 'Σ∇² per dimension: it only grows, so its steps only shrink',
    params: [],
    config: (_v, eps) => ({ kind: 'adagrad', eps }),
  },
  {
    id: 'rms', label: 'RMSProp', color: '#1971c2',
    rule: 's \\leftarrow \\beta_2 s + (1 - \\beta_2)(\\nabla f)^2, \\quad \\theta \\leftarrow \\theta - \\frac{\\eta}{\\sqrt{s} + \\varepsilon} \\nabla f',
    keeps: [{ tex: 's' }], says: 'a moving average of ∇²: it forgets old gradients, so steps recover',
    params: [{ name: 'Beta2', type: 'number', min: 0, max: 0.9999, default: 0.9, label: 'decay', tex: '\\beta_2' }],
    config: (v, eps) => ({ kind: 'rmsprop', beta2: v.Beta2, eps }),
  },
  {
    id: 'adam', label: 'Adam', color: '#9c36b5',
    rule: '\\begin{aligned} m &\\leftarrow \\beta_1 m + (1 - \\beta_1) \\nabla f, \\quad v \\leftarrow \\beta_2 v + (1 - \\beta_2)(\\nabla f)^2 \\\\ ' +
      '\\hat m &= \\frac{m}{1 - \\beta_1^t}, \\quad \\hat v = \\frac{v}{1 - \\beta_2^t}, \\quad \\theta \\leftarrow \\theta - \\frac{\\eta\\, \\hat m}{\\sqrt{\\hat v} + \\varepsilon} \\end{aligned}',
    keeps: [{ tex: 'm' }, { tex: 'v' }], says: 'both: m (Σ∇, momentum) and v (Σ∇², RMSProp)',
    params: [
      { name: 'Beta1', type: 'number', min: 0, max: 0.999, default: 0.9, label: 'momentum', tex: '\\beta_1' },
      { name: 'Beta2', type: 'number', min: 0, max: 0.9999, default: 0.999, label: 'decay', tex: '\\beta_2' },
      { name: 'Bias', type: 'bool', default: true, label: 'bias correction (m̂, v̂)' },
    ],
    config: (v, eps) => ({ kind: 'adam', beta1: v.Beta1, beta2: v.Beta2, eps, biasCorrection: v.Bias }),
  },
  {
    id: 'adamw', label: 'AdamW', color: '#0c8599',
    rule: '\\theta \\leftarrow \\theta - \\eta \\Big(\\frac{\\hat m}{\\sqrt{\\hat v} + \\varepsilon} + \\lambda_w\\, \\theta\\Big)',
    keeps: [{ tex: 'm' }, { tex: 'v' }], says: 'Adam’s m and v; the decay λ_w θ pulls the point towards 0 besides',
    params: [
      { name: 'Beta1', type: 'number', min: 0, max: 0.999, default: 0.9, label: 'momentum', tex: '\\beta_1' },
      { name: 'Beta2', type: 'number', min: 0, max: 0.9999, default: 0.999, label: 'decay', tex: '\\beta_2' },
      { name: 'Decay', type: 'number', min: 0, max: 1, default: 0.01, label: 'weight decay', tex: '\\lambda_w' },
    ],
    config: (v, eps) => ({ kind: 'adamw', beta1: v.Beta1, beta2: v.Beta2, eps, weightDecay: v.Decay }),
  },
];

/** Optimizers on by default. */
const ON = new Set(['sgd', 'mom', 'rms', 'adam']);

/**
 * An optimizer's parameter table for a surface: on/off, η (the surface's default), its own parameters.
 * URL names carry the optimizer's id: `mom=1&momEta=0.05&momBeta=0.9`.
 * @returns {ParamSpec[]}
 */
export function optimizerSpecs(def, surface) {
  return [
    { name: def.id, type: 'bool', default: ON.has(def.id), label: 'in the race' },
    {
      name: `${def.id}Eta`, type: 'number', min: 0, minExclusive: true, max: 100, default: surface.eta[def.id],
      label: 'learning rate', tex: '\\eta',
    },
    ...def.params.map((p) => ({ ...p, name: `${def.id}${p.name}`, default: surface.params?.[`${def.id}${p.name}`] ?? p.default })),
  ];
}

/** The values of `optimizerSpecs` without the id prefix: {on, eta, Beta, …}. */
export function unprefixed(def, values) {
  const out = { on: values[def.id], eta: values[`${def.id}Eta`] };
  for (const p of def.params) out[p.name] = values[`${def.id}${p.name}`];
  return out;
}

/** The race's table for a surface: start, steps, ε. @returns {ParamSpec[]} */
export function raceSpecs(surface) {
  const [x0, x1, y0, y1] = surface.box;
  return [
    { name: 'x0', type: 'number', min: x0, max: x1, default: surface.start[0], label: 'start x', tex: 'x_0' },
    { name: 'y0', type: 'number', min: y0, max: y1, default: surface.start[1], label: 'start y', tex: 'y_0' },
    { name: 'steps', type: 'int', min: 1, max: 20000, default: surface.steps, label: 'steps', tex: 't_{\\max}' },
    { name: 'eps', type: 'number', min: 0, minExclusive: true, max: 1, default: 1e-8, label: 'ε (AdaGrad, RMSProp, Adam)', tex: '\\varepsilon', group: 'more' },
  ];
}

/** @type {ParamSpec[]} */
export const SURFACE_PARAMS = [
  { name: 'surface', type: 'choice', default: 'bowl', label: 'surface', options: SURFACES.map((s) => ({ value: s.value, label: s.label })) },
];
