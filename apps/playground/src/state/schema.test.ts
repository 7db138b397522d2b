import {
  ARCHITECTURES as ADVISOR_ARCHITECTURES,
  NORMALIZATIONS as ADVISOR_NORMALIZATIONS,
  PRESET_NAMES,
} from '@init/advisor';
import { ACTIVATIONS as NN_ACTIVATIONS } from '@init/nn';
import { listSchemes } from '@init/schemes';
import { describe, expect, it } from 'vitest';
import { SCHEME_NAMES } from '../scheme-catalog';
import { ACTIVATIONS, ARCHITECTURES, NORMALIZATIONS, PRESETS } from './schema';

// The lists are copied into the schema so that the page's bundle does not import the packages;
// these tests keep the copies in step with the packages.
describe('the schema lists match the packages', () => {
  it('activations are exactly the ones @init/nn layers support', () => {
    expect([...ACTIVATIONS].sort()).toEqual([...NN_ACTIVATIONS].sort());
  });
  it('architectures, normalizations and presets are the advisor’s', () => {
    expect([...ARCHITECTURES].sort()).toEqual([...ADVISOR_ARCHITECTURES].sort());
    expect([...NORMALIZATIONS].sort()).toEqual([...ADVISOR_NORMALIZATIONS].sort());
    expect([...PRESETS].sort()).toEqual([...PRESET_NAMES].sort());
  });
  it('every offered scheme is in the @init/schemes registry', () => {
    const names = new Set(listSchemes().map((s) => s.name));
    for (const s of SCHEME_NAMES) expect(names.has(s), s).toBe(true);
  });
});
