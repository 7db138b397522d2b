import { decodeNpy, decodeSafetensors } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { Activation } from './activation';
import { BatchNorm } from './batch-norm';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { NnError } from './errors';
import { Flatten } from './flatten';
import { patternValues } from './gradient-check';
import { Model } from './model';
import { MaxPool2D } from './pool2d';
import { Residual } from './residual';
import { exportNpy, loadModel, loadWeights, saveModel } from './save-load';
import { Sequential } from './sequential';

function cnn(): Model {
  return new Model(
    new Sequential({
      conv: new Conv2D({ filters: 4, kernelSize: 3, padding: 1 }),
      bn: new BatchNorm(),
      act: new Activation({ name: 'relu' }),
      pool: new MaxPool2D({ kernelSize: 2 }),
      flat: new Flatten(),
      block: new Residual({
        body: new Sequential({ fc: new Dense({ units: 16 }), act: new Activation({ name: 'gelu' }) }),
        gate: 'scalar',
        gateValue: 0.5,
      }),
      head: new Dense({ units: 3 }),
    }),
    { inputShape: [1, 4, 4], seed: 4, name: 'tiny' },
  );
}

describe('save and load', () => {
  it('round-trips layers, parameters and running statistics bit for bit', () => {
    const model = cnn();
    const x = patternValues(2 * 16, 1);
    model.forward(x, 2, true); // moves BatchNorm's running statistics
    const { weights, description } = saveModel(model);
    expect(description.tensors.map((t) => t.name)).toContain('bn.running_var');
    const file = decodeSafetensors(weights);
    expect(file.tensors.find((t) => t.name === 'conv.weight')?.shape).toEqual([4, 1, 3, 3]);
    const copy = loadModel(weights);
    expect(copy.name).toBe('tiny');
    expect(Array.from(copy.forward(x, 2, false))).toEqual(Array.from(model.forward(x, 2, false)));
    const fromJson = loadModel(weights, JSON.stringify(description));
    expect(fromJson.parameters().map((p) => Array.from(p.value))).toEqual(
      model.parameters().map((p) => Array.from(p.value)),
    );
  });

  it('exports .npy files by parameter name', () => {
    const model = cnn();
    const files = exportNpy(model);
    const w = decodeNpy(files.get('head.weight') as Uint8Array);
    expect(w.shape).toEqual([3, 16]);
    expect(Array.from(w.data)).toEqual(
      Array.from(model.parameters().find((p) => p.name === 'head.weight')?.value ?? []),
    );
  });

  it('rejects files that do not fit', () => {
    const { weights } = saveModel(cnn());
    const other = new Model([new Flatten(), new Dense({ units: 3 })], { inputShape: [1, 4, 4] });
    expect(() => loadWeights(other, weights)).toThrow(NnError);
    expect(() => loadModel(new Uint8Array(10))).toThrow(NnError);
    expect(() => loadModel(weights, '{"format":"other"}')).toThrow(/format/);
    expect(() => loadModel(weights, 'not json')).toThrow(NnError);
    const small = saveModel(new Model([new Dense({ units: 2 })], { inputShape: [3] })).weights;
    const wide = new Model([new Dense({ units: 2 })], { inputShape: [4] });
    expect(() => loadWeights(wide, small)).toThrow(/\[2, 3\]/);
  });
});
