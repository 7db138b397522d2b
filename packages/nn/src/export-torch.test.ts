import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, saveModel } from './save-load';

const fixtures = new URL('../test/fixtures/', import.meta.url);
const weights = new Uint8Array(readFileSync(new URL('export-model.safetensors', fixtures)));
const batch = JSON.parse(readFileSync(new URL('export-batch.json', fixtures), 'utf8')) as {
  batch: number;
  x: number[];
  y: number[];
};
const torch = JSON.parse(readFileSync(new URL('export-torch.json', fixtures), 'utf8')) as {
  y: number[];
  missingKeys: string[];
  unexpectedKeys: string[];
};

describe('exported weights load into the equivalent torch.nn model', () => {
  it('PyTorch loads every tensor strictly and gets the same outputs within 1e-5', () => {
    expect(torch.missingKeys).toEqual([]);
    expect(torch.unexpectedKeys).toEqual([]);
    const model = loadModel(weights);
    const y = model.forward(Float32Array.from(batch.x), batch.batch, false);
    expect(y.length).toBe(torch.y.length);
    for (let i = 0; i < y.length; i++)
      expect(Math.abs((y[i] as number) - (torch.y[i] as number))).toBeLessThan(1e-5);
  });

  it('re-saving the loaded model gives the same bytes', () => {
    expect(saveModel(loadModel(weights)).weights).toEqual(weights);
  });
});
