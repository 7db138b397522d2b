import { listSchemes } from '@init/schemes';
import type { SchemeConfig } from './context';
import { AdvisorError } from './errors';
import { isRecord } from './options';
import { buildScheme } from './scheme-statistics';
import { SOURCES, type Source, type SourceId } from './sources';
import { valueText } from './value-text';

/** What {@link explain} returns. */
export interface Explanation {
  /** Canonical scheme name. */
  readonly name: string;
  /** The rule, as @init/schemes states it. */
  readonly formula: string;
  /** When to reach for it. */
  readonly whenToUse: string;
  /** Why it works: the principle. */
  readonly why: string;
  /** Known ways it goes wrong. */
  readonly pitfalls: readonly string[];
  readonly sources: readonly Source[];
}

interface Text {
  readonly whenToUse: string;
  readonly why: string;
  readonly pitfalls: readonly string[];
  readonly sources: readonly SourceId[];
}

const CONSTANT: Text = {
  whenToUse:
    'Biases, normalization gains and shifts, and layers meant to start silent (residual branch ends, Fixup classifiers, muP readouts). Never ordinary weights.',
  why: 'A constant carries no randomness, which is exactly right where a parameter should start neutral and wrong where units must differ.',
  pitfalls: [
    'All units of a layer initialized to the same value compute the same thing and get the same gradient forever: the layer behaves like a single unit (symmetry is never broken).',
  ],
  sources: ['seed', 'zhang2019'],
};

const SMALL: Text = {
  whenToUse:
    'Tiny models, reproducing older code, or Transformer-style recipes whose fixed std was tuned for the width (0.02 for GPT-2 sized models).',
  why: 'Small random values break symmetry while keeping early outputs near zero; the scale does not follow the layer size, so it is only right for the widths it was tuned on.',
  pitfalls: [
    'Each layer multiplies the signal variance by fan_in x std^2; with std 0.01 and 512 inputs that is 0.05, so a few layers are enough to make activations and gradients vanish.',
  ],
  sources: ['seed', 'radford2019'],
};

const XAVIER: Text = {
  whenToUse:
    'tanh, sigmoid and linear layers; autoencoders with sigmoid outputs; output layers; the input weights of recurrent gates.',
  why: 'For units that are roughly linear near zero, keeping forward variance needs Var(W) = 1/fan_in and keeping backward variance needs 1/fan_out; 2/(fan_in + fan_out) is the compromise that keeps both close to steady.',
  pitfalls: [
    'Under ReLU it halves the signal at each layer (ReLU drops half the second moment), so deep ReLU nets vanish; use He there.',
    'For tanh with zero biases it sits exactly at the edge of chaos, but only because the signal itself fades: the activation variance decays roughly like 1/depth in very deep plain nets; with non-zero biases it is on the ordered side.',
  ],
  sources: ['glorot2010', 'seed'],
};

const HE: Text = {
  whenToUse:
    'ReLU and leaky-ReLU networks: CNNs, MLPs, ResNets (fan_out mode is what torchvision uses for convolutions).',
  why: 'A ReLU passes only the positive half of a symmetric input, so E[relu(z)^2] = Var(z)/2; doubling the weight variance (2/fan_in) exactly compensates, and with leaky slope a the factor becomes 2/(1 + a^2). This keeps ReLU nets at the edge of chaos (chi_1 = 1).',
  pitfalls: [
    "For smooth ReLU-like units (GELU, SiLU) the right factor differs by 15-30%; the advisor's varianceGain gives the exact one.",
    "kaiming with nonlinearity 'selu' uses PyTorch's empirical gain 3/4, which breaks SELU self-normalization; use LeCun normal for SELU.",
  ],
  sources: ['he2015', 'seed'],
};

const LECUN: Text = {
  whenToUse: 'SELU (self-normalizing) networks, and linear layers where only the forward variance matters.',
  why: 'Var(W) = 1/fan_in keeps a unit-variance input at unit variance through the linear map; SELU was constructed so that exactly this variance makes mean 0 / variance 1 an attracting fixed point.',
  pitfalls: [
    'Keras and JAX lecun_normal are truncated normals with a corrected std; PyTorch-style lecun_normal here is untruncated (both have variance 1/fan_in).',
  ],
  sources: ['lecun1998', 'klambauer2017', 'seed'],
};

const VS: Text = {
  whenToUse:
    'Any activation whose exact gain you know (for example from varianceGain): set scale = gain^2; also the Keras/JAX general form behind Glorot, He and LeCun.',
  why: 'Var(W) = scale / fan makes the next layer variance scale x E[phi(z)^2] times the input variance; choosing scale = 1/E[phi(z)^2] holds it constant.',
  pitfalls: [
    "Keras' default distribution is a truncated normal with a corrected std; say distribution 'normal' for an untruncated one.",
  ],
  sources: ['he2015', 'poole2016'],
};

const ORTHO: Text = {
  whenToUse:
    'Recurrent weight matrices, very deep plain (linear or tanh) networks, and any layer that should treat every direction alike.',
  why: 'All singular values of an orthogonal matrix are 1, so repeated products neither shrink nor stretch any direction; near the edge of chaos this gives dynamical isometry, which lets very deep nets and long recurrences train.',
  pitfalls: [
    'ReLU networks cannot reach dynamical isometry even with orthogonal weights (the ReLU derivative zeroes half the directions); use gain sqrt 2 to keep the variance.',
    'For LSTM/GRU stacks use one orthogonal block per gate (rnn_orthogonal), not one matrix over the stacked gates.',
  ],
  sources: ['saxe2013', 'seed'],
};

const TEXTS: Record<string, Text> = {
  zeros: CONSTANT,
  ones: CONSTANT,
  constant: CONSTANT,
  normal: SMALL,
  random_small: SMALL,
  uniform: SMALL,
  truncated_normal: SMALL,
  variance_scaling: VS,
  xavier_uniform: XAVIER,
  xavier_normal: XAVIER,
  xavier_truncated_normal: XAVIER,
  he_uniform: HE,
  he_normal: HE,
  he_truncated_normal: HE,
  lecun_uniform: LECUN,
  lecun_normal: LECUN,
  lecun_truncated_normal: LECUN,
  orthogonal: ORTHO,
  rnn_orthogonal: ORTHO,
  delta_orthogonal: {
    whenToUse: 'Very deep plain CNNs (hundreds to thousands of layers) trained without residual connections.',
    why: 'Only the centre tap of each kernel is non-zero and it is an orthogonal channel-mixing matrix, so each convolution starts as a norm-preserving map at every pixel; at the critical point this is dynamical isometry for convolutions.',
    pitfalls: [
      'Needs out_channels >= in_channels.',
      'No spatial mixing at the start: the receptive field grows only through training.',
    ],
    sources: ['xiao2018'],
  },
  identity: {
    whenToUse: 'Square layers that should start as a pass-through; IRNN-style recurrent matrices.',
    why: 'An identity weight copies its input, so the layer starts perfectly norm-preserving and the network starts as a shallower one.',
    pitfalls: [
      'Units start correlated with their inputs one-to-one; symmetry is broken only by what comes before.',
    ],
    sources: ['le2015'],
  },
  dirac: {
    whenToUse: 'Convolutions that should start as the identity (same channels in and out).',
    why: 'A Dirac kernel copies each input channel to the matching output channel, so the layer starts as a pass-through.',
    pitfalls: ['Gives identical starting points to parallel paths; pair with randomness elsewhere.'],
    sources: ['xiao2018'],
  },
  zer_o: {
    whenToUse:
      'Deterministic initialization experiments (ZerO): identity and Hadamard blocks, no randomness.',
    why: 'Partial identities keep the signal, and Hadamard mixing breaks the rank collapse that plain partial identities cause when a layer widens.',
    pitfalls: [
      'Designed together with specific residual architectures; using it in an arbitrary network can leave units symmetric.',
    ],
    sources: ['seed'],
  },
  sparse: {
    whenToUse:
      'Low-memory or low-power targets paired with pruning or sparse kernels, and Hessian-free style training setups.',
    why: 'Each unit starts with only a few incoming connections, so units differ strongly from each other and the model begins sparse; scaling the non-zeros keeps the layer variance.',
    pitfalls: [
      'The default std 0.01 is far too small for wide layers; use std = gain / sqrt((1 - sparsity) fan_in).',
      'Zeros only save memory if training keeps them zero and the runtime stores them sparsely.',
    ],
    sources: ['seed', 'martens2010'],
  },
  rnn_identity: {
    whenToUse: 'ReLU recurrent networks (IRNN) on long sequences.',
    why: 'With an identity recurrent matrix and zero biases, a ReLU RNN starts by copying its state forward, so information and gradients survive many steps.',
    pitfalls: ['Can explode once trained weights grow; use gradient clipping and a small learning rate.'],
    sources: ['le2015'],
  },
  lstm_forget_bias: {
    whenToUse: 'Every LSTM: the forget-gate slice of the bias set to 1, the other slices 0.',
    why: 'sigmoid(1) = 0.73, so the cell keeps most of its state until it learns otherwise, which lets gradients reach far back in time from the first step.',
    pitfalls: [
      'PyTorch adds bias_ih and bias_hh; set the 1 in one of them only, or the effective bias is 2.',
    ],
    sources: ['jozefowicz2015'],
  },
  chrono_bias: {
    whenToUse: 'LSTMs on tasks with a known longest dependency T_max.',
    why: 'Forget biases drawn as log(U[1, T_max - 1]) (input biases their negatives) spread the memory time scales of the units over the range the task needs.',
    pitfalls: ['Setting the values in both PyTorch bias vectors doubles them.'],
    sources: ['tallec2018'],
  },
};

/**
 * Explains a scheme: its formula, when to use it, why it works, and how it goes wrong.
 *
 * The formula comes from @init/schemes' registry (so it matches what the code does); the rest is
 * the advisor's own text. Any registry name or alias is accepted.
 *
 * @param scheme - A scheme name (`'orthogonal'`, `'kaiming_normal'`...) or a config `{ name, ... }`.
 * @returns The explanation.
 * @throws {AdvisorError} `UNSUPPORTED` for an unknown name (the message lists the known ones);
 *   `INVALID_ARGUMENT` for a config with bad parameters.
 * @example
 * ```ts
 * explain('glorot_uniform').name; // => 'xavier_uniform'
 * ```
 */
export function explain(scheme: string | SchemeConfig): Explanation {
  let canonical: string;
  if (typeof scheme === 'string') {
    const key = scheme
      .trim()
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[-\s]+/g, '_')
      .toLowerCase();
    const found = listSchemes().find((s) => s.name === key || s.aliases.includes(key));
    if (!found) {
      throw new AdvisorError(
        'UNSUPPORTED',
        'scheme',
        `unknown scheme ${valueText(scheme)}; known: ${listSchemes()
          .map((s) => s.name)
          .join(', ')}`,
      );
    }
    canonical = found.name;
  } else {
    if (!isRecord(scheme) || typeof scheme.name !== 'string') {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        'scheme',
        `expected a scheme name or { name, ...params }, got ${valueText(scheme)}`,
      );
    }
    canonical = String(buildScheme(scheme).config.name);
  }
  const info = listSchemes().find((s) => s.name === canonical);
  const text = TEXTS[canonical];
  return {
    name: canonical,
    formula: info?.formula ?? '',
    whenToUse: text?.whenToUse ?? info?.whenToUse ?? '',
    why: text?.why ?? 'The scale is chosen to keep the signal variance steady for the layers it targets.',
    pitfalls: text?.pitfalls ?? [],
    sources: (text?.sources ?? []).map((id) => SOURCES[id]),
  };
}
