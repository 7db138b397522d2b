import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breachAsync, FUZZ, fillOptions, hostile, or, smallOut } from '../test/contract-harness';
import { createRng } from './index';
import * as nodeEntry from './node';

/** The contract of `@init/rng/node` under hostile input (see contract.fuzz.test.ts). */
describe('contract of every @init/rng/node export under hostile input', () => {
  it('exports createParallelFiller only', () => {
    expect(Object.keys(nodeEntry)).toEqual(['createParallelFiller']);
  });

  it('createParallelFiller', async () => {
    const options = or(
      fc.record(
        {
          threads: or(fc.integer({ min: 1, max: 4 })),
          minParallelLength: or(fc.integer({ min: 0, max: 1 << 20 })),
          callerShare: or(fc.boolean()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const problem = await breachAsync(async () => {
          const filler = nodeEntry.createParallelFiller(o as never);
          await filler.close();
        });
        expect(problem).toBeUndefined();
      }),
      { ...FUZZ, numRuns: 60 },
    );
  });

  it('the filler methods', async () => {
    const filler = nodeEntry.createParallelFiller({ threads: 1 });
    const rng = or(
      fc.oneof(
        fc.integer().map((s) => createRng(s)),
        fc.integer().map((s) => createRng(s, { algorithm: 'alea' })),
      ),
    );
    const number = or(fc.double({ min: -10, max: 10, noNaN: true }));
    try {
      await fc.assert(
        fc.asyncProperty(rng, smallOut, number, number, hostile, fillOptions, async (r, out, a, b, c, o) => {
          for (const call of [
            () => filler.fillUniform(r as never, out as never, a as never, b as never, o as never),
            () => filler.fillNormal(r as never, out as never, a as never, b as never, o as never),
            () =>
              filler.fillTruncatedNormal(
                r as never,
                out as never,
                a as never,
                1,
                b as never,
                c as never,
                o as never,
              ),
            () => filler.fillBernoulli(r as never, out as never, a as never, o as never),
          ]) {
            expect(await breachAsync(call)).toBeUndefined();
          }
        }),
        { ...FUZZ, numRuns: 100 },
      );
    } finally {
      await filler.close();
    }
  });
});
