// One region per scheme page: the call, and what it gives.
import {
  calculateGain,
  chronoBias,
  computeFans,
  constant,
  deltaOrthogonal,
  dirac,
  fixup,
  fromConfig,
  fromKerasConfig,
  gpt2Residual,
  heNormal,
  heTruncatedNormal,
  heUniform,
  identity,
  lecunNormal,
  lecunTruncatedNormal,
  lstmForgetBias,
  normal,
  ones,
  orthogonal,
  randomSmall,
  residualGate,
  rnnIdentity,
  rnnOrthogonal,
  sparse,
  tFixup,
  truncatedNormal,
  uniform,
  varianceScaling,
  xavierNormal,
  xavierUniform,
  zeros,
} from '@init/schemes';

function rms(data: Float32Array): number {
  let sq = 0;
  for (const v of data) sq += v * v;
  return Math.sqrt(sq / data.length);
}

function maxAbs(data: Float32Array): number {
  let m = 0;
  for (const v of data) m = Math.max(m, Math.abs(v));
  return m;
}

export function zerosExample() {
  // #region zeros
  const bias = zeros()([4]); // Float32Array [0, 0, 0, 0]
  const gamma = ones()([4]); // LayerNorm / BatchNorm scale
  const fixed = constant({ value: 0.1 })([4]); // a fixed bias for ReLU units
  // #endregion zeros
  return { bias: Array.from(bias.data), gamma: Array.from(gamma.data), fixed: Array.from(fixed.data) };
}

export function randomExample() {
  // #region random
  const u = uniform({ low: -0.05, high: 0.05 })([100, 100], 1); // explicit range, like Keras RandomUniform
  const n = normal({ std: 0.02 })([768, 768], 2); // GPT-2 / BERT style N(0, 0.02²)
  const t = truncatedNormal({ std: 0.02, a: -0.04, b: 0.04 })([768, 768], 3); // absolute cut-offs, as PyTorch
  const small = randomSmall()([10, 10], 4); // N(0, 0.01²): the "small random numbers" of older models
  // #endregion random
  return { uMaxAbs: maxAbs(u.data), nStd: rms(n.data), tMaxAbs: maxAbs(t.data), smallStd: rms(small.data) };
}

export function xavierExample() {
  // #region xavier
  const tanhGain = calculateGain('tanh'); // 5/3, PyTorch's table
  const u = xavierUniform({ gain: tanhGain }).describe([200, 100]); // bound gain·sqrt(6 / (fan_in + fan_out))
  const n = xavierNormal().describe([200, 100]); // std sqrt(2 / (fan_in + fan_out)), untruncated
  const keras = fromKerasConfig({ class_name: 'GlorotNormal', config: { seed: 7 } }); // truncated, corrected
  // #endregion xavier
  return { bound: u.bound, std: n.std, keras: keras.config.name };
}

export function heExample() {
  // #region he
  const conv = [64, 32, 3, 3]; // PyTorch Conv2d weight [out, in, kh, kw]
  const fans = computeFans(conv); // fan_in = 32·9, fan_out = 64·9
  const torchDefault = heUniform({ nonlinearity: 'leaky_relu', slope: Math.sqrt(5) }).describe(conv); // nn.Linear/Conv default
  const resnet = heNormal({ mode: 'fan_out' }).describe(conv); // torchvision ResNet convs
  const keras = heTruncatedNormal().describe(conv); // Keras/JAX he_normal: truncated, variance corrected
  // #endregion he
  return { fans, torchBound: torchDefault.bound, resnetStd: resnet.std, kerasStd: keras.std };
}

export function lecunExample() {
  // #region lecun
  const w = lecunNormal()([256, 256], 11); // N(0, 1/fan_in), untruncated: SELU networks
  const flax = lecunTruncatedNormal().describe([256, 256]); // the Flax Dense/Conv default
  // #endregion lecun
  return { variance: rms(w.data) ** 2, flaxStd: flax.std };
}

export function varianceScalingExample() {
  // #region variance-scaling
  const geo = varianceScaling({ scale: 1, mode: 'fan_geo_avg', distribution: 'normal' }).describe([400, 100]);
  const keras = varianceScaling({ scale: 2, mode: 'fan_in', distribution: 'uniform' }).describe([100, 50]);
  // #endregion variance-scaling
  return { geoStd: geo.std, kerasBound: keras.bound };
}

export function orthogonalExample() {
  // #region orthogonal
  const q = orthogonal({ gain: 1 })([128, 128], 5); // all singular values 1
  const wide = orthogonal()([32, 96], 5); // orthonormal rows when the matrix is wide
  // #endregion orthogonal
  let dot = 0;
  for (let j = 0; j < 128; j++) dot += (q.data[j] ?? 0) * (q.data[128 + j] ?? 0);
  let norm = 0;
  for (let j = 0; j < 96; j++) norm += (wide.data[j] ?? 0) ** 2;
  return { rowDot: dot, wideRowNorm: norm };
}

export function deltaOrthogonalExample() {
  // #region delta-orthogonal
  const w = deltaOrthogonal({ gain: Math.SQRT2 })([64, 64, 3, 3], 9); // [out, in, kh, kw], out >= in
  // only the centre tap of each 3 x 3 kernel is non-zero
  // #endregion delta-orthogonal
  let nonZero = 0;
  for (const v of w.data) if (v !== 0) nonZero++;
  return { nonZero, total: w.data.length };
}

export function identityExample() {
  // #region identity
  const eye = identity()([3, 3]); // torch.nn.init.eye_, Keras Identity
  const conv = dirac()([2, 2, 3]); // torch.nn.init.dirac_: each output channel copies its input channel
  const hadamard = fromConfig({ name: 'zer_o' })([4, 2]); // ZerO: deterministic, Hadamard-based
  // #endregion identity
  return { eye: Array.from(eye.data), conv: Array.from(conv.data), hadamard: Array.from(hadamard.data) };
}

export function sparseExample() {
  // #region sparse
  const torchStyle = sparse({ sparsity: 0.9, std: 0.01 })([100, 50], 4); // ceil(0.9·100) zeros per column
  const martens = sparse({ semantics: 'martens', k: 15 })([100, 50], 4); // 15 non-zero inputs per unit
  // #endregion sparse
  const zerosOf = (d: Float32Array) => d.filter((v) => v === 0).length;
  return {
    torchZeros: zerosOf(torchStyle.data),
    martensNonZero: martens.data.length - zerosOf(martens.data),
  };
}

export function recurrentExample() {
  // #region recurrent
  const hidden = 32;
  const weightHh = rnnOrthogonal()([4 * hidden, hidden], 1); // LSTM weight_hh: one orthogonal block per gate
  const irnn = rnnIdentity()([hidden, hidden]); // IRNN: W_hh = I for ReLU RNNs
  const forget = lstmForgetBias()([4 * hidden]); // b_f = 1, gates [i, f, g, o]
  const chrono = chronoBias({ tMax: 100 })([4 * hidden], 2); // b_f = log U[1, 99], b_i = -b_f
  // #endregion recurrent
  return {
    shape: weightHh.shape,
    irnnTrace: Array.from({ length: hidden }, (_, i) => irnn.data[i * hidden + i] ?? 0).reduce(
      (a, b) => a + b,
      0,
    ),
    forgetSum: forget.data.reduce((a, b) => a + b, 0),
    chronoOpposite: chrono.data[0] === -(chrono.data[hidden] ?? Number.NaN),
  };
}

export function residualExample() {
  // #region residual
  const plan = fixup({ numBranches: 16 }); // He on a branch's first layer, scaled by L^(-1/(2m-2))
  const gpt2 = gpt2Residual({ numLayers: 12 }); // c_proj weights: N(0, (0.02 / sqrt(2·12))²)
  const gate = residualGate(); // a zero-initialized scalar gate (ReZero, SkipInit)
  const transformer = tFixup({ encoderLayers: 6, modelDim: 512 });
  // #endregion residual
  return { branch: plan.branch, gpt2: gpt2.config, gate, decoderScale: transformer.decoderScale };
}
