import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { tanhSigmoidRun, tanhSigmoidSettings } from './tanh-sigmoid.ts';

describe('tanh-sigmoid', () => {
  it('records the saturation of every hidden layer; He saturates tanh units where Xavier does not', async () => {
    const { train } = await mnist(300, 10);
    const s = { ...tanhSigmoidSettings(true), train: 300, width: 64, epochs: 1, every: 3 };
    const he = tanhSigmoidRun(train, 'tanh', 'he_normal', 1, s);
    const xavier = tanhSigmoidRun(train, 'tanh', 'xavier_uniform', 1, s);
    expect(he.saturation).toHaveLength(4);
    expect(he.steps.length).toBe(Math.ceil(30 / 3));
    const topMean = (r: typeof he) =>
      (r.saturation[3] as number[]).reduce((a, b) => a + b, 0) / r.steps.length;
    expect(topMean(he)).toBeGreaterThan(topMean(xavier));
    expect(topMean(he)).toBeGreaterThan(0);
  });
});
