import { describe, expect, it } from 'vitest';
import { checkLayerGradients, patternValues } from './gradient-check';
import { GRU } from './gru';
import { LSTM } from './lstm';
import type { RecurrentLayer } from './recurrent-layer';
import { SimpleRNN } from './rnn';

/** Weights of order `scale` (a fixed pattern), so every gate sits in its sensitive range. */
function fillParameters(layer: RecurrentLayer, scale: number): void {
  layer.parameters().forEach((p, k) => {
    const v = patternValues(p.value.length, 20 + k);
    for (let i = 0; i < v.length; i++) p.value[i] = scale * (v[i] as number);
  });
}

const TIME = 6;
const FEATURES = 3;
const HIDDEN = 4;

const makers: [string, (returnSequences: boolean) => RecurrentLayer][] = [
  ['rnn tanh', (r) => new SimpleRNN({ hiddenSize: HIDDEN, returnSequences: r })],
  ['rnn relu', (r) => new SimpleRNN({ hiddenSize: HIDDEN, nonlinearity: 'relu', returnSequences: r })],
  ['lstm', (r) => new LSTM({ hiddenSize: HIDDEN, returnSequences: r })],
  ['lstm without bias', (r) => new LSTM({ hiddenSize: HIDDEN, returnSequences: r, bias: false })],
  ['gru', (r) => new GRU({ hiddenSize: HIDDEN, returnSequences: r })],
  ['gru without bias', (r) => new GRU({ hiddenSize: HIDDEN, returnSequences: r, bias: false })],
];

/**
 * Central differences in float32 through 6 time steps (checkLayerGradients: L = Σ r ⊙ y with a
 * fixed r, step 1e-2). The truncation error h² f'''/6 and the float32 rounding noise of the
 * quotient (k ε Σ|r y| / h with k ≈ 6 · (3 + 4) terms) both stay near 1e-4 of the gradient
 * scale for weights of order 0.5; 1e-2 is that budget times a hundred, while a dropped term
 * (say the carry through c_{t-1}) or a wrong gate derivative gives errors of order 0.1 to 1.
 * The ReLU RNN uses a smaller step so no pre-activation crosses its kink under ±h.
 */
const TOL = 1e-2;

describe('finite-difference gradient checks through time (input and every parameter)', () => {
  for (const [name, make] of makers) {
    for (const returnSequences of [true, false]) {
      it(`${name}, returnSequences ${returnSequences}`, () => {
        const layer = make(returnSequences);
        layer.build([TIME, FEATURES], 'rec');
        fillParameters(layer, name.startsWith('rnn relu') ? 0.4 : 0.6);
        const r = checkLayerGradients(layer, {
          batch: 3,
          samples: 200,
          step: name.startsWith('rnn relu') ? 1e-3 : 1e-2,
        });
        expect(r.maxError, r.where).toBeLessThan(TOL);
        // Every coordinate of the small tensors was probed: input, weights and biases.
        expect(r.checked).toBeGreaterThan(3 * TIME * FEATURES);
      });
    }
  }

  it('the gradient of an early input is not zero (the recurrence carries it to the last output)', () => {
    const layer = new LSTM({ hiddenSize: HIDDEN });
    layer.build([TIME, FEATURES], 'rec');
    fillParameters(layer, 0.6);
    const x = patternValues(TIME * FEATURES, 5);
    layer.forward(x, 1, true);
    const dx = layer.backward(new Float32Array(HIDDEN).fill(1), 1);
    let first = 0;
    for (let k = 0; k < FEATURES; k++) first += Math.abs(dx[k] as number);
    expect(first).toBeGreaterThan(1e-4);
  });

  it('the harness catches a backward that drops the carry through time', () => {
    const layer = new LSTM({ hiddenSize: HIDDEN, returnSequences: true });
    layer.build([TIME, FEATURES], 'rec');
    fillParameters(layer, 0.6);
    const wrong = layer.backward.bind(layer);
    // Scaling dL/dx at step 0 by 1.5 is what losing part of the carried gradient looks like.
    layer.backward = (dy, b) => {
      const dx = wrong(dy, b);
      for (let k = 0; k < FEATURES; k++) dx[k] = (dx[k] as number) * 1.5;
      return dx;
    };
    expect(checkLayerGradients(layer, { batch: 3, samples: 200 }).maxError).toBeGreaterThan(0.05);
  });
});
