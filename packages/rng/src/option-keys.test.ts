import { describe, expect, it } from 'vitest';
import { checkOptions, closestKey, editDistance } from './option-keys';

describe('option key checks', () => {
  it('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('algoritm', 'algorithm')).toBe(1);
    expect(editDistance('dtyep', 'dtype')).toBe(1);
    expect(editDistance('ofset', 'offset')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close keys', () => {
    expect(closestKey('algoritm', ['algorithm'])).toBe('algorithm');
    expect(closestKey('Offset', ['offset', 'dtype'])).toBe('offset');
    expect(closestKey('seed', ['algorithm'])).toBeUndefined();
    expect(closestKey('x', ['offset', 'dtype'])).toBeUndefined();
  });
  it('accepts undefined and known keys (also on prototype-less objects)', () => {
    expect(checkOptions(undefined, 'options', ['offset'])).toBeUndefined();
    const bare = Object.create(null) as Record<string, unknown>;
    bare.offset = 3;
    expect(checkOptions(bare, 'options', ['offset'])?.offset).toBe(3);
  });
  it.each([
    [null, /got null/],
    [[], /got array/],
    [5, /got number 5/],
    [{ ofset: 1 }, /unknown option "ofset" \(did you mean 'offset'\?\)/],
    [{ [Symbol('s')]: 1 }, /unknown option symbol "s"/],
  ])('rejects %s', (options, message) => {
    expect(() => checkOptions(options, 'options', ['offset'])).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        argument: 'options',
        message: expect.stringMatching(message),
      }),
    );
  });
});
