import { createRng } from '@init/rng';
import { type ChunkPlan, chunkGenerator, fillChunk, float32ToBfloat16, InitError } from '@init/schemes';
import { createParallelChunkFiller, type ParallelChunkFiller } from '@init/schemes/node';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

const CONFIGS = [
  { name: 'normal', std: 0.02 },
  { name: 'uniform', a: -0.1, b: 0.3 },
  { name: 'truncated_normal', std: 0.02 },
  { name: 'he_truncated_normal' },
  { name: 'ones' },
  { name: 'constant', value: 1.00390625 },
] as const;

const fillers: ParallelChunkFiller[] = [
  createParallelChunkFiller({ threads: 3 }),
  createParallelChunkFiller({ threads: 3, callerShare: false }),
  createParallelChunkFiller({ threads: 1 }),
];
afterAll(() => Promise.all(fillers.map((f) => f.close())));

function expected(plan: ChunkPlan, seed: number, n: number, start: number): Uint16Array {
  return float32ToBfloat16(fillChunk(plan, createRng(seed).fork('w'), new Float32Array(n), start));
}

describe('ParallelChunkFiller.fillBfloat16', () => {
  it('gives the bits of fillChunk then float32ToBfloat16, for any plan, length, start and filler', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CONFIGS),
        fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 65_536, max: 200_003 })),
        fc.integer({ min: 0, max: 1 << 22 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1000 }),
        async (config, n, start, lead, shared, which, seed) => {
          const plan = chunkGenerator(config, [4096, 2048], createRng(seed).fork('w')).plan;
          const Backing = shared ? SharedArrayBuffer : ArrayBuffer;
          const backing = new Uint16Array(new Backing(2 * (n + lead + 1)) as unknown as ArrayBuffer).fill(
            0x1234,
          );
          const out = backing.subarray(lead, lead + n);
          const result = await fillers[which]!.fillBfloat16(plan, createRng(seed).fork('w'), out, start);
          expect(result).toBe(out);
          expect(
            Buffer.from(out.buffer, out.byteOffset, out.byteLength).equals(
              Buffer.from(expected(plan, seed, n, start).buffer),
            ),
          ).toBe(true);
          expect(backing[lead + n]).toBe(0x1234);
          if (lead > 0) expect(backing[lead - 1]).toBe(0x1234);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('is the same bits as fill + float32ToBfloat16 at 2^20 values, in place on shared memory', async () => {
    const plan = chunkGenerator({ name: 'normal', std: 0.02 }, [1 << 22], createRng(3).fork('w')).plan;
    expect(plan.kind).toBe('rng');
    const out = new Uint16Array(new SharedArrayBuffer(2 << 20) as unknown as ArrayBuffer);
    await fillers[1]!.fillBfloat16(plan, createRng(3).fork('w'), out, 4097);
    const f32 = new Float32Array(new SharedArrayBuffer(4 << 20) as unknown as ArrayBuffer);
    await fillers[1]!.fill(plan, createRng(3).fork('w'), f32, 4097);
    const want = float32ToBfloat16(f32);
    expect(Buffer.from(out.buffer).equals(Buffer.from(want.buffer))).toBe(true);
  });

  it('rejects a wrong out, start or plan with InitError naming it', async () => {
    const filler = fillers[0]!;
    const plan = chunkGenerator({ name: 'normal' }, [1 << 20], createRng(1)).plan;
    for (const [args, argument] of [
      [[plan, createRng(1), new Float32Array(70_000), 0], 'out'],
      [[plan, createRng(1), [1, 2], 0], 'out'],
      [[plan, createRng(1), null, 0], 'out'],
      [[plan, createRng(1), new Uint16Array(70_000), -1], 'start'],
      [[plan, createRng(1), new Uint16Array(4), 1.5], 'start'],
      [[{ kind: 'whole' }, createRng(1), new Uint16Array(70_000), 0], 'plan'],
      [[{ kind: 'whole' }, createRng(1), new Uint16Array(0), 0], 'plan'],
      [[{ kind: 'rng', method: 'fillGamma', args: [] }, createRng(1), new Uint16Array(70_000), 0], 'plan'],
      [[plan, createRng(1, { algorithm: 'alea' }), new Uint16Array(70_000), 0], 'rng'],
      [[plan, createRng(1), new Uint16Array(70_000), 2 ** 53], 'start'],
    ] as const) {
      await expect((filler.fillBfloat16 as (...a: unknown[]) => Promise<unknown>)(...args)).rejects.toSatisfy(
        (e: unknown) => e instanceof InitError && e.argument === argument,
      );
    }
  });
});
