import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import {
  type AutoencoderRun,
  autoencoderRun,
  autoencoderSettings,
  autoencoderVerdict,
  reconstruction,
} from './autoencoder.ts';

const TINY = {
  ...autoencoderSettings(true),
  train: 200,
  test: 100,
  widths: [32, 8, 32],
  epochs: 1,
  every: 2,
};

describe('autoencoder', () => {
  it('trains an all-sigmoid autoencoder on its own input and records the saturation of every sigmoid layer', async () => {
    const raw = await mnist(TINY.train, TINY.test);
    const data = { train: reconstruction(raw.train), test: reconstruction(raw.test) };
    expect(data.train.y).toBe(data.train.x);
    const r = autoencoderRun(data, 'xavier_uniform', 1, TINY);
    expect(r.status).toBe('completed');
    expect(r.saturation).toHaveLength(TINY.widths.length + 1);
    for (const layer of r.saturation) for (const v of layer) expect(v).toBeGreaterThanOrEqual(0);
    // Untrained outputs sit near 0.5, so the reconstruction error starts near E[(x − 0.5)²] ≈ 0.2 and falls.
    expect(r.testLoss).toBeLessThan(0.25);
    expect(r.testLoss).toBeGreaterThan(0);
    const again = autoencoderRun(data, 'xavier_uniform', 1, TINY);
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
  });

  it('the verdict compares the test error seed by seed', () => {
    const run = (testLoss: number) => ({ testLoss }) as AutoencoderRun;
    expect(autoencoderVerdict([run(1), run(2)], [run(1.5), run(2.5)])).toBe('holds');
    expect(autoencoderVerdict([run(1), run(3)], [run(1.5), run(2.9)])).toBe('holds with caveats');
    expect(autoencoderVerdict([run(2), run(3)], [run(1.5), run(2.5)])).toBe('does not hold');
  });
});
