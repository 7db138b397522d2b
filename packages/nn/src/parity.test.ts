import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerFromConfig } from './layer-registry';
import { createLoss, type LossName } from './loss';
import { Adam, AdamW, type Optimizer, RMSprop, SGD } from './optimizer';
import { createParameter } from './parameter';

interface LayerCase {
  name: string;
  config: { kind: string; [k: string]: unknown };
  inputShape: number[];
  batch: number;
  training: boolean;
  x: number[];
  params: Record<string, number[]>;
  buffersBefore: Record<string, number[]>;
  buffersAfter: Record<string, number[]>;
  dy: number[];
  y: number[];
  dx?: number[];
  grads: Record<string, number[]>;
}

const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/layers.json', import.meta.url), 'utf8'),
) as {
  layers: LayerCase[];
  losses: { name: LossName; batch: number; pred: number[]; target: number[]; loss: number; grad: number[] }[];
  optimizers: {
    kind: string;
    options: Record<string, unknown>;
    initial: number[];
    grads: number[][];
    after: number[][];
  }[];
};

/**
 * Float32 tolerance: both sides round each product and sum to float32 (ε = 2^-24 ≈ 6e-8) in a
 * different order, so entries agree to about k ε Σ|terms| for sums of k terms (k ≤ 200 here);
 * 2e-5 relative to the array's largest magnitude (plus 1e-6 absolute) covers that with margin
 * and still catches any wrong index or formula, which is off by order 1.
 */
function expectArrayClose(actual: ArrayLike<number>, expected: number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs((actual[i] as number) - (expected[i] as number));
    if (e > worst) {
      worst = e;
      at = i;
    }
  }
  expect(worst, `${what}: worst at ${at}`).toBeLessThanOrEqual(2e-5 * scale + 1e-6);
}

describe('parity with PyTorch 1.13 (test/fixtures/layers.json)', () => {
  for (const c of fixture.layers) {
    it(c.name, () => {
      const layer = layerFromConfig(c.config);
      layer.build(c.inputShape, '');
      for (const p of layer.parameters()) {
        const v = c.params[p.localName];
        expect(v, p.localName).toBeDefined();
        p.value.set(v as number[]);
      }
      for (const b of layer.buffers()) {
        const v = c.buffersBefore[b.localName];
        if (v !== undefined) b.value.set(v);
      }
      const y = layer.forward(Float32Array.from(c.x), c.batch, true && c.training);
      expectArrayClose(y, c.y, 'y');
      if (!c.training) return;
      const dx = layer.backward(Float32Array.from(c.dy), c.batch);
      if (c.dx !== undefined) expectArrayClose(dx, c.dx, 'dx');
      for (const p of layer.parameters())
        expectArrayClose(p.grad, c.grads[p.localName] as number[], `grad ${p.localName}`);
      for (const b of layer.buffers())
        expectArrayClose(b.value, c.buffersAfter[b.localName] as number[], b.localName);
    });
  }

  for (const [i, c] of fixture.losses.entries()) {
    it(`loss ${c.name} #${i}`, () => {
      const loss = createLoss(c.name);
      const target = c.name === 'cross_entropy' ? Int32Array.from(c.target) : Float32Array.from(c.target);
      const value = loss.forward(Float32Array.from(c.pred), target, c.batch);
      expect(Math.abs(value - c.loss)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(c.loss)));
      expectArrayClose(loss.backward(), c.grad, 'grad');
    });
  }

  const make: Record<string, (ps: ReturnType<typeof createParameter>[], o: never) => Optimizer> = {
    sgd: (ps, o) => new SGD(ps, o),
    adam: (ps, o) => new Adam(ps, o),
    adamw: (ps, o) => new AdamW(ps, o),
    rmsprop: (ps, o) => new RMSprop(ps, o),
  };
  for (const c of fixture.optimizers) {
    it(`optimizer ${c.kind} ${JSON.stringify(c.options)}`, () => {
      const p = createParameter('', 'w', [c.initial.length], 'weight');
      p.value.set(c.initial);
      const opt = (make[c.kind] as (typeof make)['sgd'])([p], c.options as never);
      c.grads.forEach((g, t) => {
        p.grad.set(g);
        opt.step();
        expectArrayClose(p.value, c.after[t] as number[], `step ${t + 1}`);
      });
    });
  }
});
