import { InitError } from './errors';
import { haarReflectorColumns } from './haar-reflectors';
import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { ORTHONORMAL_ENTRY_MAX } from './limits';
import { naturalLog } from './natural-log';
import { num, type ParamSpec, type Params } from './params';
import { matrixPlacement } from './placement';
import { streamOf } from './random-source';
import { requireRank } from './shape';

function gateOrderParam(defaultOrder: string[], what: string): ParamSpec {
  return {
    name: 'gate_order',
    type: 'gate_order',
    default: defaultOrder,
    doc: `Gate blocks stacked along the output axis, ${what}. PyTorch LSTM [i, f, g, o], GRU [r, z, n]; Keras LSTM [i, f, c, o] ('c' = 'g').`,
  };
}

function gatesOf(p: Params): readonly string[] {
  return p.gate_order as readonly string[];
}

/** Size of one gate block, checked. */
function blockSize(total: number, gates: number, scheme: string): number {
  if (total % gates !== 0) {
    throw new InitError(
      'SHAPE_MISMATCH',
      'shape',
      `${scheme}: the stacked axis (${total}) must be a multiple of the number of gates (${gates})`,
    );
  }
  return total / gates;
}

/** Registry definition of `rnn_orthogonal`. */
export const RNN_ORTHOGONAL: SchemeDefinition = {
  name: 'rnn_orthogonal',
  aliases: ['gate_orthogonal', 'recurrent_orthogonal'],
  params: [
    /*#__PURE__*/ gateOrderParam(['i', 'f', 'g', 'o'], 'each block gets its own orthogonal matrix'),
    { name: 'gain', type: 'number', default: 1, doc: 'Multiplies each block. Default 1.' },
  ],
  formula: 'W = [gain·Q_1; ...; gain·Q_G], each H x in block an independent Haar (semi-)orthogonal matrix',
  whenToUse: 'LSTM/GRU weight_hh (and weight_ih): keeps each gate recurrent map norm-preserving.',
  stochastic: true,
  prepare(p, shape, layout, m) {
    requireRank(shape, 2, 2, 'rnn_orthogonal');
    const pl = matrixPlacement(shape, layout, 'lower', 'rnn_orthogonal');
    const gates = gatesOf(p);
    const h = blockSize(pl.outSize, gates.length, 'rnn_orthogonal');
    const n = pl.inSize;
    const g = num(p, 'gain') * m;
    return {
      description: {
        formula: `${gates.length} blocks [${gates.join(', ')}] of ${h} x ${n}, each ${g}·(Haar semi-orthogonal)`,
        distribution: 'orthogonal',
        gain: num(p, 'gain'),
      },
      extents: [{ base: num(p, 'gain') * ORTHONORMAL_ENTRY_MAX, multiplier: m, argument: 'gain' }],
      run(out, source) {
        const rng = streamOf(source);
        for (let b = 0; b < gates.length; b++) {
          const tall = h >= n;
          const q = (
            tall
              ? haarReflectorColumns(h, n, rng, 'float64', g)
              : haarReflectorColumns(n, h, rng, 'float64', g)
          ).data;
          for (let o = 0; o < h; o++) {
            const base = (b * h + o) * pl.outStride;
            for (let i = 0; i < n; i++) {
              out[base + i * pl.inStride] = tall ? (q[o * n + i] as number) : (q[i * h + o] as number);
            }
          }
        }
      },
    };
  },
};

/** Registry definition of `rnn_identity`. */
export const RNN_IDENTITY: SchemeDefinition = {
  name: 'rnn_identity',
  aliases: ['irnn'],
  params: [
    /*#__PURE__*/ gateOrderParam(['h'], "default ['h'], a plain RNN"),
    {
      name: 'gain',
      type: 'number',
      default: 1,
      doc: 'Value on each diagonal (IRNN uses 1; smaller for short dependencies). Default 1.',
    },
  ],
  formula: 'W = [gain·I; ...; gain·I], one identity per gate block (IRNN: W_hh = I, biases 0)',
  whenToUse: 'IRNN: ReLU recurrent nets (Le, Jaitly, Hinton 2015), with zero biases.',
  stochastic: false,
  prepare(p, shape, layout, m) {
    requireRank(shape, 2, 2, 'rnn_identity');
    const pl = matrixPlacement(shape, layout, 'lower', 'rnn_identity');
    const gates = gatesOf(p);
    const h = blockSize(pl.outSize, gates.length, 'rnn_identity');
    const g = num(p, 'gain') * m;
    return {
      description: {
        formula: `${gates.length} block(s) of ${h} x ${pl.inSize}, each ${g}·I`,
        distribution: 'deterministic',
        gain: num(p, 'gain'),
      },
      extents: [{ base: num(p, 'gain'), multiplier: m, argument: 'gain' }],
      run(out) {
        out.fill(0);
        const k = Math.min(h, pl.inSize);
        for (let b = 0; b < gates.length; b++) {
          for (let d = 0; d < k; d++) out[(b * h + d) * pl.outStride + d * pl.inStride] = g;
        }
      },
    };
  },
};

/** Index of `gate` in the gate order; throws `INVALID_ARGUMENT` (argument `'gate_order'`) when absent. */
function gateIndex(p: Params, gate: string, scheme: string): number {
  const gates = gatesOf(p);
  const idx = gates.indexOf(gate);
  if (idx < 0) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'gate_order',
      `${scheme}: needs a '${gate}' gate, got [${gates.join(', ')}]`,
    );
  }
  return idx;
}

function gateSlice(p: Params, gate: string, shape: number[], scheme: string): { start: number; h: number } {
  requireRank(shape, 1, 1, scheme);
  const gates = gatesOf(p);
  const idx = gateIndex(p, gate, scheme);
  const h = blockSize(shape[0] as number, gates.length, scheme);
  return { start: idx * h, h };
}

/** Registry definition of `lstm_forget_bias`. */
export const LSTM_FORGET_BIAS: SchemeDefinition = {
  name: 'lstm_forget_bias',
  aliases: ['unit_forget_bias', 'forget_bias'],
  params: [
    /*#__PURE__*/ gateOrderParam(['i', 'f', 'g', 'o'], 'must contain f'),
    {
      name: 'value',
      type: 'number',
      default: 1,
      doc: 'Forget-gate bias. Default 1 (Jozefowicz et al. 2015).',
    },
  ],
  formula:
    'b = 0 except b[f block] = value; apply to ONE bias vector (PyTorch adds bias_ih and bias_hh: zero the other)',
  whenToUse: 'LSTM biases: remember by default, helps long dependencies (Keras unit_forget_bias).',
  stochastic: false,
  check(p) {
    gateIndex(p, 'f', 'lstm_forget_bias');
  },
  prepare(p, shape, _layout, m) {
    const { start, h } = gateSlice(p, 'f', shape, 'lstm_forget_bias');
    const v = num(p, 'value') * m;
    return {
      description: {
        formula: `b[${start}:${start + h}] = ${v}, 0 elsewhere`,
        distribution: 'deterministic',
        notes: [
          'PyTorch sums bias_ih and bias_hh: use this for one of them and zeros for the other, or the bias doubles',
        ],
      },
      extents: [{ base: num(p, 'value'), multiplier: m, argument: 'value' }],
      run(out) {
        out.fill(0);
        out.fill(v, start, start + h);
      },
    };
  },
};

/** Registry definition of `chrono_bias`. */
export const CHRONO_BIAS: SchemeDefinition = {
  name: 'chrono_bias',
  aliases: ['chrono'],
  params: [
    /*#__PURE__*/ gateOrderParam(['i', 'f', 'g', 'o'], 'must contain i and f'),
    {
      name: 't_max',
      type: 'number',
      min: 2,
      default: undefined,
      doc: 'Longest expected temporal dependency (steps), >= 2. Required.',
    },
  ],
  formula: 'b_f = log(u), u ~ U[1, t_max - 1]; b_i = -b_f; other gates 0; apply to ONE bias vector',
  whenToUse: 'LSTMs on tasks with known long time scales (Tallec & Ollivier 2018).',
  stochastic: true,
  check(p) {
    gateIndex(p, 'f', 'chrono_bias');
    gateIndex(p, 'i', 'chrono_bias');
  },
  prepare(p, shape, _layout, m) {
    const f = gateSlice(p, 'f', shape, 'chrono_bias');
    const i = gateSlice(p, 'i', shape, 'chrono_bias');
    const tMax = num(p, 't_max');
    return {
      description: {
        formula: `b_f = ${m === 1 ? '' : `${m}·`}log(U[1, ${tMax - 1}]), b_i = -b_f, other gates 0`,
        distribution: 'chrono',
        notes: ['set it on one bias vector and zero the other: writing both doubles the effective bias'],
      },
      extents: [
        // The uniform draws are stored in the output before their logarithm is taken.
        { base: tMax - 1, multiplier: 1, argument: 't_max' },
        { base: Math.log(tMax - 1), multiplier: m, argument: 'multiplier' },
      ],
      run(out, source) {
        const rng = streamOf(source);
        out.fill(0);
        const fs = out.subarray(f.start, f.start + f.h);
        if (tMax - 1 === 1) fs.fill(1);
        else rng.fillUniform(fs, 1, tMax - 1);
        for (let j = 0; j < f.h; j++) {
          const v = naturalLog(fs[j] as number) * m;
          fs[j] = v;
          out[i.start + j] = -v;
        }
      },
    };
  },
};

/** Gate order option: a string of one-letter gate names (`'ifgo'`) or an array (`['i', 'f', 'g', 'o']`). */
export type GateOrder = string | readonly string[];

/**
 * Orthogonal per gate block for gate-stacked RNN weights (`[G·H, in]` in the torch layout,
 * `[in, G·H]` in keras): each `H x in` block is an independent Haar (semi-)orthogonal matrix.
 *
 * Formula: `W = [gain·Q_1; ...; gain·Q_G]`.
 *
 * @param options - `gateOrder` (default 'ifgo'), `gain` (1), `multiplier` (1).
 * @throws {InitError} `SHAPE_MISMATCH` unless rank 2 with the stacked axis divisible by the gate count.
 * @example
 * ```ts
 * rnnOrthogonal().describe([4 * 32, 32]).formula; // => '4 blocks [i, f, g, o] of 32 x 32, each 1·(Haar semi-orthogonal)'
 * ```
 */
export function rnnOrthogonal(
  options: { gateOrder?: GateOrder; gain?: number; multiplier?: number } = {},
): Initializer {
  return createInitializer(RNN_ORTHOGONAL, options);
}

/**
 * Identity per gate block (IRNN, Le et al. 2015: recurrent matrix I, biases 0). Deterministic.
 *
 * Formula: `W = [gain·I; ...; gain·I]`.
 *
 * @param options - `gateOrder` (default 'h', one block), `gain` (1), `multiplier` (1).
 * @throws {InitError} `SHAPE_MISMATCH` unless rank 2 with the stacked axis divisible by the gate count.
 * @example
 * ```ts
 * Array.from(rnnIdentity()([2, 2]).data); // => [1, 0, 0, 1]
 * ```
 */
export function rnnIdentity(
  options: { gateOrder?: GateOrder; gain?: number; multiplier?: number } = {},
): Initializer {
  return createInitializer(RNN_IDENTITY, options);
}

/**
 * LSTM forget-gate bias: zeros with the forget block set to `value` (default 1). Use it for ONE
 * bias vector; PyTorch adds `bias_ih` and `bias_hh`, so the other must be zeros. Deterministic.
 *
 * Formula: `b[f] = value`, 0 elsewhere.
 *
 * @param options - `gateOrder` ('ifgo'; must contain 'f'), `value` (1), `multiplier` (1).
 * @throws {InitError} `SHAPE_MISMATCH` unless rank 1 and divisible by the gate count; `INVALID_ARGUMENT` without an 'f' gate.
 * @example
 * ```ts
 * Array.from(lstmForgetBias()([8]).data); // => [0, 0, 1, 1, 0, 0, 0, 0]
 * ```
 */
export function lstmForgetBias(
  options: { gateOrder?: GateOrder; value?: number; multiplier?: number } = {},
): Initializer {
  return createInitializer(LSTM_FORGET_BIAS, options);
}

/**
 * Chrono initialization of LSTM biases (Tallec & Ollivier 2018): `b_f = log(u)` with
 * `u ~ U[1, t_max - 1]`, `b_i = -b_f`, other gates 0. Use it for ONE bias vector.
 *
 * Formula: `b_f ~ log(U[1, T_max - 1])`, `b_i = -b_f`.
 *
 * @param options - `tMax` (required, >= 2), `gateOrder` ('ifgo'; must contain 'i' and 'f'), `multiplier` (1).
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'t_max'`) when missing or < 2.
 * @example
 * ```ts
 * const b = chronoBias({ tMax: 100 })([8], 0).data;
 * b[2] === -b[0]; // => true
 * ```
 */
export function chronoBias(options: {
  tMax: number;
  gateOrder?: GateOrder;
  multiplier?: number;
}): Initializer {
  return createInitializer(CHRONO_BIAS, options);
}
