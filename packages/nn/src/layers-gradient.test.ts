import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, Activation } from './activation';
import { BatchNorm } from './batch-norm';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Embedding } from './embedding';
import { Flatten } from './flatten';
import { checkLayerGradients, patternValues } from './gradient-check';
import type { Layer } from './layer';
import { LayerNorm } from './layer-norm';
import { AvgPool2D, MaxPool2D } from './pool2d';
import { Residual } from './residual';
import { Sequential } from './sequential';

/** Fills every parameter with a fixed pattern of order-1 values (keeps norm scales at 1). */
function fillParameters(layer: Layer, scale = 0.5): void {
  layer.parameters().forEach((p, k) => {
    const v = patternValues(p.value.length, 10 + k);
    for (let i = 0; i < v.length; i++) p.value[i] = (p.role === 'scale' ? 1 : 0) + scale * (v[i] as number);
  });
}

/** Distinct input values at least 0.05 apart (so max-pool winners do not change under ±step). */
function spacedInput(n: number): Float32Array {
  const order = patternValues(n, 3);
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (order[a] as number) - (order[b] as number),
  );
  const out = new Float32Array(n);
  idx.forEach((j, rank) => {
    out[j] = -1 + 0.05 * rank;
  });
  return out;
}

const TOL = 1e-2;

describe('finite-difference gradient checks (input and parameters)', () => {
  for (const name of ACTIVATIONS) {
    it(`activation ${name}`, () => {
      const layer = new Activation(
        name === 'leaky_relu' ? { name, slope: 0.2 } : name === 'elu' ? { name, alpha: 0.7 } : { name },
      );
      layer.build([3, 4], 'act');
      const r = checkLayerGradients(layer, { batch: 2 });
      expect(r.maxError, r.where).toBeLessThan(TOL);
    });
  }

  it('flatten', () => {
    const layer = new Flatten();
    layer.build([2, 3, 2], 'flat');
    expect(checkLayerGradients(layer).maxError).toBeLessThan(TOL);
  });

  const convCases = [
    { name: 'plain 3x3', shape: [2, 5, 5], o: { filters: 3, kernelSize: 3 } },
    {
      name: 'stride 2, padding 1',
      shape: [2, 6, 5],
      o: { filters: 4, kernelSize: 3, stride: 2, padding: 1 },
    },
    {
      name: 'dilation 2, rectangular kernel',
      shape: [1, 7, 7],
      o: { filters: 2, kernelSize: [3, 2], dilation: 2, padding: [1, 0] },
    },
    { name: 'groups 2', shape: [4, 5, 5], o: { filters: 6, kernelSize: 3, groups: 2, padding: 1 } },
    {
      name: 'depthwise, stride [2,1], no bias',
      shape: [3, 6, 6],
      o: { filters: 3, kernelSize: 2, groups: 3, stride: [2, 1], bias: false },
    },
  ] as const;
  for (const c of convCases) {
    it(`conv2d ${c.name}`, () => {
      const layer = new Conv2D(c.o as never);
      layer.build(c.shape, 'conv');
      fillParameters(layer);
      const r = checkLayerGradients(layer, { batch: 2 });
      expect(r.maxError, r.where).toBeLessThan(TOL);
    });
  }

  it('max_pool2d with padding and overlapping windows', () => {
    const layer = new MaxPool2D({ kernelSize: 3, stride: 2, padding: 1 });
    layer.build([2, 5, 5], 'pool');
    const r = checkLayerGradients(layer, { batch: 2, input: spacedInput(2 * 2 * 25), step: 1e-3 });
    expect(r.maxError, r.where).toBeLessThan(TOL);
  });

  for (const countIncludePad of [true, false]) {
    it(`avg_pool2d countIncludePad ${countIncludePad}`, () => {
      const layer = new AvgPool2D({ kernelSize: [2, 3], stride: [1, 2], padding: 1, countIncludePad });
      layer.build([2, 4, 5], 'pool');
      const r = checkLayerGradients(layer, { batch: 2 });
      expect(r.maxError, r.where).toBeLessThan(TOL);
    });
  }

  for (const shape of [[5], [3, 4, 4]]) {
    it(`batch_norm in training mode, input [${shape.join(', ')}]`, () => {
      const layer = new BatchNorm();
      layer.build(shape, 'bn');
      fillParameters(layer);
      const r = checkLayerGradients(layer, { batch: 4 });
      expect(r.maxError, r.where).toBeLessThan(TOL);
    });
  }

  it('layer_norm over the last axis', () => {
    const layer = new LayerNorm();
    layer.build([3, 6], 'ln');
    fillParameters(layer);
    const r = checkLayerGradients(layer, { batch: 2 });
    expect(r.maxError, r.where).toBeLessThan(TOL);
  });

  it('embedding (weight gradient; repeated indices accumulate)', () => {
    const layer = new Embedding({ numEmbeddings: 5, dim: 3 });
    layer.build([4], 'emb');
    fillParameters(layer);
    const r = checkLayerGradients(layer, {
      batch: 2,
      input: new Float32Array([0, 3, 3, 1, 4, 0, 2, 3]),
      checkInput: false,
    });
    expect(r.maxError, r.where).toBeLessThan(TOL);
  });

  it('sequential conv -> relu -> pool -> flatten -> dense', () => {
    const net = new Sequential([
      new Conv2D({ filters: 3, kernelSize: 3, padding: 1 }),
      new Activation({ name: 'tanh' }),
      new AvgPool2D({ kernelSize: 2 }),
      new Flatten(),
      new Dense({ units: 4 }),
    ]);
    net.build([2, 4, 4], 'net');
    fillParameters(net);
    const r = checkLayerGradients(net, { batch: 2 });
    expect(r.maxError, r.where).toBeLessThan(TOL);
  });

  it('residual block with a scalar gate and a projection shortcut', () => {
    const block = new Residual({
      body: new Sequential({
        fc1: new Dense({ units: 6 }),
        act: new Activation({ name: 'gelu' }),
        fc2: new Dense({ units: 5 }),
      }),
      shortcut: new Dense({ units: 5, bias: false }),
      gate: 'scalar',
      gateValue: 0.7,
    });
    block.build([4], 'blocks.0');
    fillParameters(block);
    block.parameters().at(-1)?.value.fill(0.7);
    const r = checkLayerGradients(block, { batch: 3 });
    expect(r.maxError, r.where).toBeLessThan(TOL);
    expect(block.parameters().map((p) => p.name)).toEqual([
      'blocks.0.fc1.weight',
      'blocks.0.fc1.bias',
      'blocks.0.fc2.weight',
      'blocks.0.fc2.bias',
      'blocks.0.shortcut.weight',
      'blocks.0.gate',
    ]);
  });

  it('the check itself fails on a wrong backward (sanity of the harness)', () => {
    const layer = new Activation({ name: 'tanh' });
    layer.build([4], 'bad');
    const wrong = layer.backward.bind(layer);
    layer.backward = (dy, b) => {
      const dx = wrong(dy, b);
      dx[0] = (dx[0] as number) * 1.5;
      return dx;
    };
    expect(checkLayerGradients(layer, { samples: 8 }).maxError).toBeGreaterThan(0.05);
  });
});
