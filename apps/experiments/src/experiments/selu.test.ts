import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { nearBounds, seluLayerMoments } from './selu.ts';

describe('selu at initialization', () => {
  it('LeCun normal stays near (0, 1) over 32 layers; He grows, gain 3/4 shrinks', async () => {
    const { train } = await mnist(64, 10, 'standardize');
    const x = train.x.subarray(0, 64 * 784);
    const width = 128;
    const near = nearBounds(width);
    const lecun = seluLayerMoments(x, 64, width, 32, 'lecun_normal', 1);
    expect(lecun.mean).toHaveLength(32);
    for (const m of lecun.mean) expect(Math.abs(m)).toBeLessThanOrEqual(near.mean);
    for (const v of lecun.variance) expect(Math.abs(v - 1)).toBeLessThanOrEqual(near.variance);
    const he = seluLayerMoments(x, 64, width, 32, 'he_normal', 1);
    expect(he.variance.at(-1)).toBeGreaterThan(10);
    const threeQuarters = seluLayerMoments(x, 64, width, 32, { name: 'he_normal', nonlinearity: 'selu' }, 1);
    expect(threeQuarters.variance.at(-1)).toBeLessThan(0.2);
  });
});
