import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRU } from './gru';
import { LSTM } from './lstm';
import type { RecurrentLayer } from './recurrent-layer';
import { SimpleRNN } from './rnn';

interface RecurrentCase {
  name: string;
  kind: 'rnn' | 'lstm' | 'gru';
  options: { hiddenSize: number; bias: boolean; nonlinearity?: 'tanh' | 'relu' };
  batch: number;
  time: number;
  input: number;
  hidden: number;
  x: number[];
  params: Record<string, number[]>;
  ySeq: number[];
  yLast: number[];
  dySeq: number[];
  dyLast: number[];
  gradsSeq: Record<string, number[]>;
  gradsLast: Record<string, number[]>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/recurrent.json', import.meta.url), 'utf8'),
) as { cases: RecurrentCase[] };

function make(c: RecurrentCase, returnSequences: boolean): RecurrentLayer {
  const o = { ...c.options, returnSequences };
  if (c.kind === 'rnn') return new SimpleRNN(o);
  const { nonlinearity: _, ...gated } = o;
  return c.kind === 'lstm' ? new LSTM(gated) : new GRU(gated);
}

/**
 * Float32 tolerance. Both sides round every product and sum to float32 (ε = 2^-24) in different
 * orders; over 5 steps each state passes through about 5 · (in + H) = 35 rounded terms per step
 * and the errors of earlier steps are carried forward with factors below 1 (|σ'| ≤ 1/4,
 * |tanh'| ≤ 1), so entries agree to a few hundred ε of the array's scale. 2e-5 relative to the
 * largest magnitude (plus 1e-6) leaves a wide margin and is still far below the error of a wrong
 * gate order, sign or missing term, which is of order 1.
 */
function expectClose(actual: ArrayLike<number>, expected: number[] | undefined, what: string): void {
  expect(expected, what).toBeDefined();
  const e = expected as number[];
  expect(actual.length, what).toBe(e.length);
  let scale = 0;
  for (const v of e) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < e.length; i++) {
    const d = Math.abs((actual[i] as number) - (e[i] as number));
    if (d > worst) {
      worst = d;
      at = i;
    }
  }
  expect(worst, `${what}: worst at ${at}`).toBeLessThanOrEqual(2e-5 * scale + 1e-6);
}

describe('recurrent layers match PyTorch 1.13 (test/fixtures/recurrent.json)', () => {
  it('the fixture holds every kind, with and without bias', () => {
    const names = fixture.cases.map((c) => c.name);
    for (const n of ['rnn tanh', 'rnn relu', 'lstm', 'gru', 'lstm without bias', 'gru without bias'])
      expect(names).toContain(n);
  });

  for (const c of fixture.cases) {
    for (const returnSequences of [true, false]) {
      it(`${c.name}, returnSequences ${returnSequences}`, () => {
        const layer = make(c, returnSequences);
        layer.build([c.time, c.input], 'rec');
        const names = layer.parameters().map((p) => p.localName);
        expect(names).toEqual(Object.keys(c.params));
        for (const p of layer.parameters()) p.value.set(c.params[p.localName] as number[]);
        const x = Float32Array.from(c.x);
        const y = layer.forward(x, c.batch, true);
        expectClose(y, returnSequences ? c.ySeq : c.yLast, 'y');
        const dy = Float32Array.from(returnSequences ? c.dySeq : c.dyLast);
        const dx = layer.backward(dy, c.batch);
        const grads = returnSequences ? c.gradsSeq : c.gradsLast;
        expectClose(dx, grads.x, 'dx');
        for (const p of layer.parameters()) expectClose(p.grad, grads[p.localName], p.localName);
      });
    }
  }

  it('a second backward adds into grad (gradients accumulate, as in PyTorch)', () => {
    const c = fixture.cases.find((k) => k.name === 'lstm') as RecurrentCase;
    const layer = make(c, true);
    layer.build([c.time, c.input], 'rec');
    for (const p of layer.parameters()) p.value.set(c.params[p.localName] as number[]);
    const x = Float32Array.from(c.x);
    const dy = Float32Array.from(c.dySeq);
    for (let k = 0; k < 2; k++) {
      layer.forward(x, c.batch, true);
      layer.backward(dy, c.batch);
    }
    for (const p of layer.parameters()) {
      const twice = (c.gradsSeq[p.localName] as number[]).map((v) => 2 * v);
      expectClose(p.grad, twice, p.localName);
    }
  });
});
