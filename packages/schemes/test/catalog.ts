import type { SchemeConfig } from '../src/initializer';

/** One usable config, a shape and a zero-size shape of the right rank for every registered scheme. */
export const CATALOG: Record<string, { config: SchemeConfig; shape: number[]; empty: number[] }> = {
  zeros: { config: { name: 'zeros' }, shape: [3, 4], empty: [0, 4] },
  ones: { config: { name: 'ones' }, shape: [5], empty: [0] },
  constant: { config: { name: 'constant', value: 0.5 }, shape: [2, 3, 4], empty: [2, 0, 4] },
  uniform: { config: { name: 'uniform', low: -1, high: 2 }, shape: [7, 9], empty: [0, 9] },
  normal: { config: { name: 'normal', std: 0.02 }, shape: [7, 9], empty: [7, 0] },
  truncated_normal: {
    config: { name: 'truncated_normal', std: 0.02, a: -0.04, b: 0.04 },
    shape: [7, 9],
    empty: [0],
  },
  random_small: { config: { name: 'random_small' }, shape: [11], empty: [0] },
  variance_scaling: {
    config: { name: 'variance_scaling', scale: 2, mode: 'fan_avg' },
    shape: [8, 4, 3, 3],
    empty: [8, 0, 3, 3],
  },
  xavier_uniform: { config: { name: 'xavier_uniform' }, shape: [8, 6], empty: [0, 6] },
  xavier_normal: { config: { name: 'xavier_normal', gain: 2 }, shape: [8, 6], empty: [8, 0] },
  xavier_truncated_normal: { config: { name: 'xavier_truncated_normal' }, shape: [8, 6], empty: [0, 0] },
  he_uniform: {
    config: { name: 'he_uniform', nonlinearity: 'leaky_relu', slope: Math.sqrt(5) },
    shape: [16, 3, 5],
    empty: [16, 3, 0],
  },
  he_normal: { config: { name: 'he_normal', mode: 'fan_out' }, shape: [16, 3, 5], empty: [0, 3, 5] },
  he_truncated_normal: { config: { name: 'he_truncated_normal' }, shape: [16, 3], empty: [0, 3] },
  lecun_uniform: { config: { name: 'lecun_uniform' }, shape: [6, 6], empty: [0, 6] },
  lecun_normal: { config: { name: 'lecun_normal' }, shape: [6, 6], empty: [0, 6] },
  lecun_truncated_normal: { config: { name: 'lecun_truncated_normal' }, shape: [6, 6], empty: [0, 6] },
  orthogonal: { config: { name: 'orthogonal', gain: 2 }, shape: [6, 4, 3], empty: [0, 4, 3] },
  delta_orthogonal: { config: { name: 'delta_orthogonal' }, shape: [6, 4, 3, 3], empty: [0, 0, 3, 3] },
  identity: { config: { name: 'identity' }, shape: [4, 6], empty: [0, 6] },
  dirac: { config: { name: 'dirac', groups: 2 }, shape: [4, 2, 3, 3], empty: [4, 2, 0, 3] },
  zer_o: { config: { name: 'zer_o' }, shape: [6, 3], empty: [0, 3] },
  sparse: { config: { name: 'sparse', sparsity: 0.5 }, shape: [10, 6], empty: [0, 6] },
  rnn_orthogonal: { config: { name: 'rnn_orthogonal' }, shape: [16, 4], empty: [0, 4] },
  rnn_identity: { config: { name: 'rnn_identity' }, shape: [4, 4], empty: [0, 4] },
  lstm_forget_bias: { config: { name: 'lstm_forget_bias' }, shape: [8], empty: [0] },
  chrono_bias: { config: { name: 'chrono_bias', t_max: 50 }, shape: [8], empty: [0] },
};
