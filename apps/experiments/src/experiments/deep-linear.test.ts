import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { deepLinearRun, deepLinearSettings } from './deep-linear.ts';

describe('deep-linear', () => {
  it('an orthogonally initialized linear net of depth 10 reaches the loss threshold and stops there', async () => {
    const { train } = await mnist(500, 10);
    const s = { ...deepLinearSettings(true), width: 32, maxEpochs: 8 };
    const r = deepLinearRun(train, { name: 'orthogonal', gain: 1 }, 10, 1, s);
    expect(Number.isFinite(r.epochsToThreshold)).toBe(true);
    expect(r.epochLoss.at(-1)).toBeLessThanOrEqual(s.threshold);
    expect(r.epochLoss).toHaveLength(r.epochsToThreshold);
  });
});
