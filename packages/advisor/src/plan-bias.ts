import type { SchemeConfig } from './context';
import type { CheckedLayer } from './plan-model';
import type { PlanState } from './plan-state';

/** Biases start at zero (when the layer has one): the weights already break the symmetry. */
export function zeroBias(state: PlanState, l: CheckedLayer, n: number, parameter = 'bias'): void {
  if (!l.bias) return;
  state.push(
    l,
    parameter,
    [n],
    { name: 'zeros' },
    'bias-zero',
    'Biases start at 0; the weights already break the symmetry.',
  );
}

/** LSTM biases: forget-gate slice 1 in bias_ih (PyTorch adds bias_hh to it, which stays 0). */
export function lstmBiases(state: PlanState, l: CheckedLayer, n: number): void {
  if (!l.bias) return;
  const forget: SchemeConfig = { name: 'lstm_forget_bias', gate_order: ['i', 'f', 'g', 'o'], value: 1 };
  state.push(
    l,
    'bias_ih',
    [n],
    forget,
    'lstm-gates',
    'Forget-gate slice 1, other gates 0 (only in bias_ih; PyTorch adds bias_hh to it).',
  );
  state.push(l, 'bias_hh', [n], { name: 'zeros' }, 'lstm-gates', 'Zero, so the forget bias is counted once.');
}

/** A dense/conv layer's bias: zero, and named as part of Fixup for a zeroed classifier. */
export function weightLayerBias(state: PlanState, l: CheckedLayer, n: number, fixupHead: boolean): void {
  if (!l.bias) return;
  if (fixupHead)
    state.push(l, 'bias', [n], { name: 'zeros' }, 'residual-no-norm-fixup', 'Fixup classifier bias: 0.');
  else zeroBias(state, l, n);
}

/** A normalization layer's shift starts at zero. */
export function normBias(state: PlanState, l: CheckedLayer, n: number): void {
  if (l.bias)
    state.push(l, 'bias', [n], { name: 'zeros' }, 'plan-norm-layer', 'Normalization shift starts at 0.');
}
