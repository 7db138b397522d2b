import { gemm } from '@init/linalg';
import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { BaseLayer } from './base-layer';
import type { Dataset } from './data-set';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { NnError } from './errors';
import { evaluate, fit } from './fit';
import type { LayerConfig, Shape } from './layer';
import { mat } from './matrix-view';
import { Model } from './model';
import { SGD } from './optimizer';
import { cosineSchedule } from './schedule';
import { spirals } from './synthetic-spirals';

function mlp(seed: number, width = 32, dropout = 0): Model {
  return new Model(
    [
      new Dense({ units: width }),
      new Activation({ name: 'relu' }),
      ...(dropout > 0 ? [new Dropout({ rate: dropout })] : []),
      new Dense({ units: width }),
      new Activation({ name: 'relu' }),
      new Dense({ units: 2 }),
    ],
    { inputShape: [2], seed },
  );
}

describe('fit', () => {
  it('learns the two spirals to more than 95% training accuracy', () => {
    const data = spirals({ n: 400, rng: 11, noise: 0.02 });
    const model = mlp(3, 48);
    const result = fit(model, data, {
      optimizer: { kind: 'adam', lr: 0.01 },
      epochs: 250,
      batchSize: 32,
      seed: 1,
      schedule: cosineSchedule({ tMax: 250 * 13, minLr: 0.001 }),
    });
    expect(result.status).toBe('completed');
    const { accuracy } = evaluate(model, data);
    expect(accuracy).toBeGreaterThan(0.95);
    expect(result.epochs.at(-1)?.accuracy).toBeGreaterThan(0.9);
  }, 60_000);

  it('is bit-reproducible: same seeds, same losses and same weights', () => {
    const data = spirals({ n: 128, rng: 2 });
    const run = () => {
      const model = mlp(5, 16, 0.2);
      const r = fit(model, data, {
        optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 },
        epochs: 3,
        batchSize: 20,
        seed: 9,
      });
      return {
        losses: Array.from(r.stepLosses),
        weights: model.parameters().map((p) => Array.from(p.value)),
      };
    };
    const a = run();
    const b = run();
    expect(a.losses.length).toBe(3 * 7);
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
    const model = mlp(5, 16, 0.2);
    const other = fit(model, data, {
      optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 },
      epochs: 3,
      batchSize: 20,
      seed: 10,
    });
    expect(Array.from(other.stepLosses)).not.toEqual(a.losses);
  });

  it('reports a diverging run as a result with the step and the first non-finite layer', () => {
    const data = spirals({ n: 64, rng: 3 });
    const model = mlp(1);
    const result = fit(model, data, { optimizer: { kind: 'sgd', lr: 1e6 }, epochs: 50, batchSize: 16 });
    expect(result.status).toBe('non_finite');
    expect(result.nonFinite?.step).toBeGreaterThan(0);
    expect(result.nonFinite?.layer).toMatch(/^\d$/);
    expect(result.nonFinite?.message).toContain(`layer ${result.nonFinite?.layer}`);
    expect(result.steps).toBe(result.nonFinite?.step);
  });

  it('names the layer whose activations overflow first', () => {
    const data = spirals({ n: 16, rng: 3 });
    const model = mlp(1);
    const w2 = model.parameters()[2];
    if (w2 === undefined) throw new Error('expected 2.weight');
    w2.value.fill(3e38); // 2.weight: the second Dense overflows
    const result = fit(model, data, { epochs: 1, batchSize: 16 });
    expect(result.status).toBe('non_finite');
    expect(result.nonFinite).toMatchObject({ step: 0, phase: 'forward', layer: '2' });
  });

  it('locates a GEMM overflow in a layer that calls gemm directly', () => {
    /** y = x Wᵀ with a raw gemm call (no NonFiniteError wrapping), W = 3e38. */
    class RawLinear extends BaseLayer {
      readonly kind = 'raw_linear';
      private w: Float32Array = new Float32Array(0);
      protected buildShape(inputShape: Shape): Shape {
        this.w = this.addParameter('weight', [2, inputShape[0] as number], 'weight').value;
        return [2];
      }
      forward(x: Float32Array, batch: number, training: boolean): Float32Array {
        const y = this.cache.get('y', batch * 2);
        gemm(1, mat(x, batch, this.inSize), mat(this.w, 2, this.inSize), 0, mat(y, batch, 2), {
          transB: true,
        });
        this.save(x, batch, training);
        return y;
      }
      backward(dy: Float32Array): Float32Array {
        return dy;
      }
      config(): LayerConfig {
        return { kind: this.kind };
      }
    }
    const model = new Model([new Dense({ units: 8 }), new Activation({ name: 'relu' }), new RawLinear()], {
      inputShape: [2],
      init: 'none',
    });
    model.parameters()[0]?.value.fill(1);
    model.parameters()[2]?.value.fill(3e38);
    const result = fit(model, spirals({ n: 16, rng: 3 }), { epochs: 1, batchSize: 16 });
    expect(result.nonFinite).toMatchObject({ step: 0, phase: 'forward', layer: '2' });
  });

  it('early stopping restores the best epoch; callbacks can stop', () => {
    const data = spirals({ n: 64, rng: 4 });
    const model = mlp(2);
    const result = fit(model, data, {
      optimizer: new SGD(model.parameters(), { lr: 0 }),
      epochs: 20,
      earlyStopping: { patience: 2 },
    });
    expect(result.status).toBe('early_stopped');
    expect(result.epochs.length).toBe(4);
    expect(result.bestEpoch).toBe(0);
    let calls = 0;
    const stopped = fit(mlp(2), data, { epochs: 5, onStep: () => ++calls < 3 });
    expect(stopped.status).toBe('stopped');
    expect(stopped.steps).toBe(3);
  });

  it('allocates no typed arrays after the first step of a batch size', () => {
    const data = spirals({ n: 96, rng: 5 });
    const model = mlp(2, 16, 0.1);
    fit(model, data, { epochs: 1, batchSize: 32, seed: 1 });
    const names = ['Float32Array', 'Float64Array', 'Int32Array', 'Uint32Array', 'Uint8Array'] as const;
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = names.map((k) => g[k]);
    let count = 0;
    for (const k of names) {
      const Real = g[k] as new (...a: unknown[]) => unknown;
      g[k] = new Proxy(Real, {
        construct(target, args, newTarget) {
          count++;
          return Reflect.construct(target, args, newTarget) as object;
        },
      });
    }
    let result: ReturnType<typeof fit>;
    try {
      // steps of the same batch size: the only allocations allowed are fit's own per-call setup
      const before = count;
      result = fit(model, data, { epochs: 1, batchSize: 32, seed: 2, optimizer: { kind: 'sgd', lr: 0.01 } });
      const oneEpoch = count - before;
      const before3 = count;
      fit(model, data, { epochs: 4, batchSize: 32, seed: 2, optimizer: { kind: 'sgd', lr: 0.01 } });
      const fourEpochs = count - before3;
      expect(fourEpochs).toBe(oneEpoch); // no growth with the number of steps
    } finally {
      names.forEach((k, i) => {
        g[k] = saved[i];
      });
    }
    expect(result.status).toBe('completed');
  });

  it('rejects bad data and options with typed errors', () => {
    const data = spirals({ n: 16, rng: 6 });
    const model = mlp(1);
    const wrongShape: Dataset = { ...data, x: new Float32Array(48), shape: [16, 3] };
    expect(() => fit(model, wrongShape)).toThrow(/do not fit the model input/);
    const x = Float32Array.from(data.x);
    x[5] = Number.NaN;
    const e = (() => {
      try {
        fit(model, { ...data, x });
      } catch (err) {
        return err as NnError;
      }
    })();
    expect(e).toBeInstanceOf(NnError);
    expect(e?.code).toBe('NOT_FINITE');
    expect(e?.argument).toBe('data.x');
    expect(() => fit(model, { ...data, y: new Int32Array(16).fill(7) })).toThrow(/class 7/);
    expect(() => fit(model, data, { epoch: 3 } as never)).toThrow(/did you mean 'epochs'/);
    expect(() => fit(model, data, { batchSize: 0 })).toThrow(NnError);
    expect(() => fit(model, data, { optimizer: { kind: 'lbfgs' } as never })).toThrow(NnError);
    expect(() => fit(model, null as never)).toThrow(NnError);
  });
});
