import { listSchemes } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { AdvisorError } from './errors';
import { explain } from './explain';

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
