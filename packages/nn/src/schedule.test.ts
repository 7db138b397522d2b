import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { cosineSchedule, stepSchedule, warmupSchedule } from './schedule';

describe('learning-rate schedules', () => {
  it('step: base · γ^⌊t/s⌋', () => {
    const s = stepSchedule({ stepSize: 10, gamma: 0.5 });
    expect([0, 9, 10, 25].map((t) => s.at(t, 0.1))).toEqual([0.1, 0.1, 0.05, 0.025]);
  });

  it('cosine: from base to minLr over tMax, then flat', () => {
    const s = cosineSchedule({ tMax: 100, minLr: 0.01 });
    expect(s.at(0, 0.1)).toBeCloseTo(0.1, 15);
    expect(s.at(50, 0.1)).toBeCloseTo(0.055, 15);
    expect(s.at(100, 0.1)).toBeCloseTo(0.01, 15);
    expect(s.at(1000, 0.1)).toBeCloseTo(0.01, 15);
  });

  it('linear warm-up, then another schedule counted from the end of the warm-up', () => {
    const s = warmupSchedule({ steps: 4, startFactor: 0, after: stepSchedule({ stepSize: 2, gamma: 0.1 }) });
    const got = [0, 1, 2, 3, 4, 5, 6].map((t) => s.at(t, 0.1));
    const want = [0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.01];
    for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i] as number, 15);
  });

  it('rejects bad options', () => {
    expect(() => stepSchedule({ stepSize: 0 })).toThrow(NnError);
    expect(() => cosineSchedule({ tmax: 3 } as never)).toThrow(/did you mean 'tMax'/);
    expect(() => warmupSchedule({ steps: 2, after: 3 as never })).toThrow(NnError);
  });
});
