import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { RngError } from './errors';
import { createParallelFiller } from './parallel-fill';
import type { FloatArray } from './rng-types';

const filler = createParallelFiller({ threads: 3, minParallelLength: 0 });
afterAll(() => filler.close());

function bits(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength);
}

const N = 300_001;

describe('parallel fill over worker threads', () => {
  const cases: [
    string,
    (r: ReturnType<typeof createRng>, out: FloatArray) => Promise<unknown>,
    (r: ReturnType<typeof createRng>, out: FloatArray) => unknown,
  ][] = [
    ['uniform', (r, o) => filler.fillUniform(r, o, -1, 2), (r, o) => r.fillUniform(o, -1, 2)],
    ['normal', (r, o) => filler.fillNormal(r, o, 0.5, 3), (r, o) => r.fillNormal(o, 0.5, 3)],
    [
      'truncated [-2, 2]',
      (r, o) => filler.fillTruncatedNormal(r, o, 0, 1, -2, 2),
      (r, o) => r.fillTruncatedNormal(o, 0, 1, -2, 2),
    ],
    [
      'truncated [3, 6]',
      (r, o) => filler.fillTruncatedNormal(r, o, 0, 1, 3, 6),
      (r, o) => r.fillTruncatedNormal(o, 0, 1, 3, 6),
    ],
    ['bernoulli', (r, o) => filler.fillBernoulli(r, o, 0.3), (r, o) => r.fillBernoulli(o, 0.3)],
  ];
  describe.each(cases)('%s', (_, parallel, single) => {
    it.each([Float32Array, Float64Array])(
      'is bit-identical to the single-threaded fill and advances the stream alike (%o)',
      async (Type) => {
        const a = createRng('par');
        const b = createRng('par');
        a.nextUint32();
        b.nextUint32();
        const x = new Type(N);
        const y = new Type(N);
        await parallel(a, x);
        single(b, y);
        expect(bits(x).equals(bits(y))).toBe(true);
        expect(a.getState()).toEqual(b.getState());
        expect(a.normal()).toBe(b.normal());
      },
    );
  });
  it('writes in place into SharedArrayBuffer-backed arrays and honours offset', async () => {
    const shared = new Float32Array(new SharedArrayBuffer(4 * N));
    await filler.fillNormal(createRng(7), shared, 0, 1, { offset: 12345 });
    const ref = createRng(7).fillNormal(new Float32Array(N), 0, 1, { offset: 12345 });
    expect(bits(shared).equals(bits(ref))).toBe(true);
  });
  it('with callerShare false, the workers alone fill it: same bits, and the caller is free meanwhile', async () => {
    const workersOnly = createParallelFiller({ threads: 3, minParallelLength: 0, callerShare: false });
    try {
      for (const Type of [Float32Array, Float64Array]) {
        const x = new Type(new SharedArrayBuffer(Type.BYTES_PER_ELEMENT * N) as unknown as ArrayBuffer);
        await workersOnly.fillNormal(createRng('w'), x, 0, 1); // starts the workers
        const pending = workersOnly.fillTruncatedNormal(createRng('w'), x, 0, 1, -2, 2, { offset: 99 });
        // Nothing of the fill ran on this thread yet: the first element still holds the normal fill's value.
        const before = x[0];
        await pending;
        expect(before).toBe(createRng('w').fillNormal(new Type(1), 0, 1)[0]);
        const ref = createRng('w').fillTruncatedNormal(new Type(N), 0, 1, -2, 2, { offset: 99 });
        expect(bits(x).equals(bits(ref))).toBe(true);
      }
    } finally {
      await workersOnly.close();
    }
  });
  it('rejects a callerShare that is not a boolean', () => {
    expect(() => createParallelFiller({ callerShare: 1 as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'callerShare' }),
    );
  });
  it('rejects sequential generators and bad arguments like the Rng methods', async () => {
    await expect(
      filler.fillNormal(createRng(1, { algorithm: 'alea' }), new Float32Array(4)),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      argument: 'rng',
    });
    await expect(filler.fillNormal(createRng(1), new Float32Array(4), 0, -1)).rejects.toBeInstanceOf(
      RngError,
    );
    await expect(filler.fillNormal(createRng(1), [0, 0] as never)).rejects.toMatchObject({ argument: 'out' });
    expect(() => createParallelFiller({ threads: 0 })).toThrow(RngError);
    for (const [options, code, argument] of [
      [{ threads: 0 }, 'INVALID_ARGUMENT', 'threads'],
      [{ threads: 257 }, 'INVALID_ARGUMENT', 'threads'],
      [{ threads: 1.5 }, 'INVALID_ARGUMENT', 'threads'],
      [{ threads: Number.NaN }, 'NOT_FINITE', 'threads'],
      [{ minParallelLength: -1 }, 'INVALID_ARGUMENT', 'minParallelLength'],
      [{ minParallelLength: Number.POSITIVE_INFINITY }, 'NOT_FINITE', 'minParallelLength'],
      [null, 'INVALID_ARGUMENT', 'options'],
      [4, 'INVALID_ARGUMENT', 'options'],
    ] as const) {
      expect(() => createParallelFiller(options as never)).toThrow(
        expect.objectContaining({ name: 'RngError', code, argument }),
      );
    }
  });
});
