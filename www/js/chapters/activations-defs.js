// @ts-check
/**
 * The activation chapter's facts: every activation of the gallery (the core's name, its formula and
 * derivative in LaTeX, its parameter as a slider, its pros and cons, where it is used), the parameter
 * tables of the cards that have sliders, and the recap guide. No computation here: the curves come from
 * the core (`activationSamples`, `maxoutSamples`, `gluSamples`).
 */

/** @typedef {import('../kit/params.js').ParamSpec} ParamSpec */

/** Colours of f and f′ in every plot (the test looks for F_COLOR's pixels). */
export const F_COLOR = '#3b5bdb';
export const DF_COLOR = '#e07b00';

/**
 * @typedef {object} ActivationDef
 * @property {string} id        the core's name (activationNames), or 'maxout' / 'glu'
 * @property {string} label
 * @property {string} f         LaTeX of σ(z)
 * @property {string} df        LaTeX of σ′(z)
 * @property {string} [param]   the slider's URL name (the card's own table)
 * @property {string[]} pros
 * @property {string[]} cons
 * @property {string} use       where one meets it
 * @property {number} tier      how often it is used: 3 everywhere, 2 common, 1 in places, 0 rarely
 */

/** @type {ActivationDef[]} */
export const ACTIVATIONS = [
  {
    id: 'sigmoid', label: 'Sigmoid', f: '\\sigma(z) = \\frac{1}{1 + e^{-z}}', df: '\\sigma\'(z) = \\sigma(z)\\,(1 - \\sigma(z))',
    pros: ['squashes to (0, 1): reads as a probability', 'smooth, the historical neuron'],
    cons: ['saturates: σ′ ≈ 0 for |z| > 5 kills the gradient', 'not zero-centred (outputs all positive)', 'σ′ ≤ ¼: gradients shrink layer by layer', 'exp() is a little costly'],
    use: 'output of binary / multi-label classifiers; gates of LSTMs', tier: 2,
  },
  {
    id: 'tanh', label: 'tanh', f: '\\tanh z = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}', df: '1 - \\tanh^2 z',
    pros: ['zero-centred, range (−1, 1)', 'tanh′(0) = 1, four times the sigmoid’s'],
    cons: ['still saturates for large |z|'],
    use: 'recurrent networks (LSTM, GRU)', tier: 2,
  },
  {
    id: 'relu', label: 'ReLU', f: '\\max(0, z)', df: '\\begin{cases} 1 & z > 0 \\\\ 0 & z < 0 \\end{cases}',
    pros: ['does not saturate for z > 0', 'very cheap: a comparison', 'converges much faster than sigmoid / tanh in practice', 'sparse activations'],
    cons: ['not zero-centred', 'dead ReLUs: a unit with z < 0 on every input never learns again', 'gradient undefined at 0'],
    use: 'the default for hidden layers of MLPs and CNNs', tier: 3,
  },
  {
    id: 'leakyRelu', label: 'Leaky ReLU', param: 'leakyAlpha', f: '\\begin{cases} z & z > 0 \\\\ \\alpha z & z \\le 0 \\end{cases}', df: '\\begin{cases} 1 & z > 0 \\\\ \\alpha & z \\le 0 \\end{cases}',
    pros: ['never dies: a small slope α for z < 0', 'as cheap as ReLU'],
    cons: ['α is one more hyperparameter', 'results not consistently better than ReLU'],
    use: 'GANs, where ReLUs die', tier: 1,
  },
  {
    id: 'prelu', label: 'PReLU', param: 'preluAlpha', f: '\\begin{cases} z & z > 0 \\\\ \\alpha z & z \\le 0 \\end{cases}', df: '\\frac{\\partial \\sigma}{\\partial \\alpha} = \\begin{cases} 0 & z > 0 \\\\ z & z \\le 0 \\end{cases}',
    pros: ['α is learned per neuron by backpropagation (∂σ/∂α = z for z ≤ 0)'],
    cons: ['more parameters; can overfit on small data'],
    use: 'image classifiers (He et al. 2015)', tier: 0,
  },
  {
    id: 'elu', label: 'ELU', param: 'eluAlpha', f: '\\begin{cases} z & z > 0 \\\\ \\alpha (e^{z} - 1) & z \\le 0 \\end{cases}', df: '\\begin{cases} 1 & z > 0 \\\\ \\alpha e^{z} & z \\le 0 \\end{cases}',
    pros: ['all the benefits of ReLU', 'outputs closer to zero mean', 'saturates smoothly for z < 0: robust to noise'],
    cons: ['exp() is costly'],
    use: 'some CNNs and MLPs', tier: 1,
  },
  {
    id: 'gelu', label: 'GELU (exact)', f: 'z\\,\\Phi(z),\\quad \\Phi(z) = \\tfrac12\\big(1 + \\operatorname{erf}(z/\\sqrt2)\\big)', df: '\\Phi(z) + z\\,\\varphi(z)',
    pros: ['smooth ReLU: weights z by how likely it is to be kept', 'the standard in Transformers'],
    cons: ['erf is costly (hence the approximation)', 'not monotonic: a small dip below 0'],
    use: 'Transformers (BERT, GPT)', tier: 3,
  },
  {
    id: 'geluSigmoid', label: 'GELU ≈ z·σ(1.702 z)', f: 'z\\,\\sigma(1.702\\,z)', df: '\\sigma(1.702 z) + 1.702\\,z\\,\\sigma\'(1.702 z)',
    pros: ['one exp instead of erf', 'within 0.02 of the exact GELU'],
    cons: ['an approximation'],
    use: 'fast GELU in Transformer code', tier: 1,
  },
  {
    id: 'swish', label: 'Swish / SiLU', param: 'swishBeta', f: 'z\\,\\sigma(\\beta z)', df: 's + \\beta z\\, s(1 - s),\\ s = \\sigma(\\beta z)',
    pros: ['smooth, non-monotonic; found by automatic search', 'β = 1 is SiLU; β → ∞ gives ReLU; β can be learned'],
    cons: ['an exp per unit'],
    use: 'EfficientNet, MobileNetV3, LLMs (SwiGLU)', tier: 2,
  },
  {
    id: 'softplus', label: 'Softplus', f: '\\ln(1 + e^{z})', df: '\\sigma(z)',
    pros: ['a smooth ReLU; its derivative is the sigmoid'],
    cons: ['slower than ReLU; rarely better'],
    use: 'where an output must be positive (a variance, a rate)', tier: 1,
  },
  {
    id: 'mish', label: 'Mish', f: 'z \\tanh\\big(\\ln(1 + e^{z})\\big)', df: '\\tanh(s_p) + z\\,(1 - \\tanh^2 s_p)\\,\\sigma(z)',
    pros: ['smooth, non-monotonic like Swish'],
    cons: ['three transcendental functions per unit'],
    use: 'YOLOv4 and other detectors', tier: 0,
  },
  {
    id: 'selu', label: 'SELU', f: '\\lambda \\begin{cases} z & z > 0 \\\\ \\alpha (e^{z} - 1) & z \\le 0 \\end{cases}', df: '\\lambda \\begin{cases} 1 & z > 0 \\\\ \\alpha e^{z} & z \\le 0 \\end{cases}',
    pros: ['self-normalizing: activations keep mean 0 and variance 1 (λ ≈ 1.0507, α ≈ 1.6733)'],
    cons: ['needs LeCun-normal init and plain feedforward nets'],
    use: 'deep MLPs without batch norm', tier: 0,
  },
  {
    id: 'relu6', label: 'ReLU6', f: '\\min(\\max(0, z), 6)', df: '\\begin{cases} 1 & 0 < z < 6 \\\\ 0 & \\text{else} \\end{cases}',
    pros: ['bounded: friendly to low-precision (8-bit) arithmetic'],
    cons: ['dies on both sides'],
    use: 'mobile networks (MobileNet)', tier: 1,
  },
  {
    id: 'hardSwish', label: 'Hard swish', f: 'z\\,\\frac{\\operatorname{ReLU6}(z + 3)}{6}', df: '\\begin{cases} 0 & z < -3 \\\\ (2z + 3)/6 & |z| \\le 3 \\\\ 1 & z > 3 \\end{cases}',
    pros: ['Swish’s shape with no exp: pieces of polynomials'],
    cons: ['kinks at ±3'],
    use: 'MobileNetV3', tier: 1,
  },
  {
    id: 'maxout', label: 'Maxout', f: '\\max_i\\,(w_i z + b_i)', df: 'w_{i^*},\\ i^* = \\arg\\max_i (w_i z + b_i)',
    pros: ['generalizes ReLU and leaky ReLU (ReLU = max(0·z, z))', 'linear pieces: does not saturate, does not die'],
    cons: ['k times the parameters per neuron'],
    use: 'with dropout (Goodfellow et al. 2013); rare today', tier: 0,
  },
  {
    id: 'glu', label: 'GLU', f: '(w x + b)\\,\\sigma(v x + c)', df: '\\frac{\\partial h}{\\partial x} = w\\,g + (w x + b)\\, v\\, g (1 - g),\\ g = \\sigma(v x + c)',
    pros: ['a learned gate: the unit decides how much of its linear part passes', 'a linear path for the gradient (no saturation when the gate is open)'],
    cons: ['two weight matrices, W and V: twice the parameters'],
    use: 'LLMs’ feed-forward blocks (SwiGLU, GeGLU), gated CNNs', tier: 2,
  },
];

/** The parameter tables of the cards with sliders (one table each, all in one URL). */
/** @type {Record<string, ParamSpec[]>} */
export const CARD_PARAMS = {
  leakyRelu: [{ name: 'leakyAlpha', type: 'number', min: 0, max: 0.5, step: 0.01, slider: true, default: 0.01, label: 'slope for z ≤ 0', tex: '\\alpha' }],
  prelu: [{ name: 'preluAlpha', type: 'number', min: 0, max: 1, step: 0.05, slider: true, default: 0.25, label: 'α (learned; initial 0.25)', tex: '\\alpha' }],
  elu: [{ name: 'eluAlpha', type: 'number', min: 0, max: 3, step: 0.05, slider: true, default: 1, label: 'negative saturation', tex: '\\alpha' }],
  swish: [{ name: 'swishBeta', type: 'number', min: 0, max: 10, step: 0.1, slider: true, default: 1, label: 'β (1: SiLU)', tex: '\\beta' }],
  maxout: [
    { name: 'w1', type: 'number', min: -2, max: 2, step: 0.1, slider: true, default: 0, label: 'line 1 slope', tex: 'w_1' },
    { name: 'b1', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: 0, label: 'line 1 bias', tex: 'b_1' },
    { name: 'w2', type: 'number', min: -2, max: 2, step: 0.1, slider: true, default: 1, label: 'line 2 slope', tex: 'w_2' },
    { name: 'b2', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: 0, label: 'line 2 bias', tex: 'b_2' },
    { name: 'w3', type: 'number', min: -2, max: 2, step: 0.1, slider: true, default: -0.5, label: 'line 3 slope', tex: 'w_3' },
    { name: 'b3', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: -2, label: 'line 3 bias', tex: 'b_3' },
  ],
  glu: [
    { name: 'gw', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: 1, label: 'linear weight', tex: 'w' },
    { name: 'gb', type: 'number', min: -3, max: 3, step: 0.1, slider: true, default: 0, label: 'linear bias', tex: 'b' },
    { name: 'gv', type: 'number', min: -5, max: 5, step: 0.1, slider: true, default: 2, label: 'gate weight', tex: 'v' },
    { name: 'gc', type: 'number', min: -5, max: 5, step: 0.1, slider: true, default: 0, label: 'gate bias', tex: 'c' },
    { name: 'gx', type: 'number', min: -5, max: 5, step: 0.1, slider: true, default: 1, label: 'input x (gradients at)', tex: 'x' },
  ],
};

/** The recap slide: hidden activations by network type, output activation by loss. */
export const HIDDEN_GUIDE = [
  ['Feedforward nets (MLPs), CNNs', 'ReLU first; leaky ReLU, ELU or maxout if units die; watch the learning rate'],
  ['Recurrent nets (LSTM, GRU)', 'tanh for the state, sigmoid for the gates'],
  ['Transformers', 'GELU, or a gated unit (SwiGLU / GeGLU) in the feed-forward blocks'],
  ['Mobile / quantized nets', 'ReLU6, hard swish'],
  ['Anywhere', 'not the sigmoid in hidden layers: it saturates and is not zero-centred'],
];

export const OUTPUT_GUIDE = [
  ['Regression (a real number)', 'linear (identity)', 'quadratic (L2)', 'C = \\tfrac12 (a - y)^2'],
  ['Binary or multi-label', 'sigmoid', 'cross-entropy', 'C = -[y \\ln a + (1 - y) \\ln(1 - a)]'],
  ['One class of many', 'softmax', 'categorical cross-entropy', 'C = -\\ln a_y'],
];
