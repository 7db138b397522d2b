import { listSchemes } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { explain } from './explain';
import { weightStatistics } from './scheme-statistics';

describe('explain', () => {
  it('explains every registry scheme with a formula, when, why and sources', () => {
    for (const s of listSchemes()) {
      const e = explain(s.name);
      expect(e.name).toBe(s.name);
      expect(e.formula.length, s.name).toBeGreaterThan(3);
      expect(e.whenToUse.length, s.name).toBeGreaterThan(10);
      expect(e.why.length, s.name).toBeGreaterThan(20);
      expect(e.sources.length, s.name).toBeGreaterThan(0);
    }
  });
  it('accepts aliases, camelCase and configs', () => {
    expect(explain('glorot_uniform').name).toBe('xavier_uniform');
    expect(explain('kaimingNormal').name).toBe('he_normal');
    expect(explain({ name: 'orthogonal', gain: 2 }).name).toBe('orthogonal');
    expect(explain('zeros').pitfalls.join(' ')).toMatch(/symmetry/);
  });
  it('rejects unknown names and bad configs', () => {
    expect(() => explain('nope')).toThrow(AdvisorError);
    expect(() => explain({ name: 'orthogonal', gain: 'big' })).toThrow(AdvisorError);
    expect(() => explain(42 as never)).toThrow(AdvisorError);
  });
});

describe('explain and weightStatistics on hostile input', () => {
  it('typed errors for null, prototype-less configs, BigInt shapes and overflowing statistics', () => {
    const cases: [() => unknown, string, string][] = [
      [() => explain(null as never), 'INVALID_ARGUMENT', 'scheme'],
      [() => explain(Object.create(null)), 'INVALID_ARGUMENT', 'scheme'],
      [() => explain(5n as never), 'INVALID_ARGUMENT', 'scheme'],
      [() => weightStatistics(null as never, [4, 4]), 'INVALID_ARGUMENT', 'scheme'],
      [() => weightStatistics({ name: 'he_normal' }, [4n, 4] as never), 'INVALID_ARGUMENT', 'shape'],
      [() => weightStatistics({ name: 'he_normal' }, null as never), 'INVALID_ARGUMENT', 'shape'],
      [() => weightStatistics({ name: 'normal', std: 1e200 }, [4, 4]), 'NOT_FINITE', 'scheme'],
    ];
    for (const [call, code, argument] of cases) {
      try {
        call();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe(code);
        expect((e as AdvisorError).argument).toBe(argument);
      }
    }
  });
});
