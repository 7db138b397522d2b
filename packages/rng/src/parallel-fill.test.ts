import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from './create-rng';
import { RngError } from './errors';
import { BF16_ROUND_WASM_BASE64, storeBfloat16 } from './parallel-bfloat16';
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
  it('overlapping fills on one filler all settle with their own bits', async () => {
    const workersOnly = createParallelFiller({ threads: 3, minParallelLength: 0, callerShare: false });
    try {
      const outs = [0, 1, 2, 3].map(
        () => new Float32Array(new SharedArrayBuffer(4 * N) as unknown as ArrayBuffer),
      );
      await Promise.all(outs.map((o, k) => workersOnly.fillNormal(createRng(k), o, 0, 1, { offset: 7 * k })));
      outs.forEach((o, k) => {
        const ref = createRng(k).fillNormal(new Float32Array(N), 0, 1, { offset: 7 * k });
        expect(bits(o).equals(bits(ref))).toBe(true);
      });
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

  describe('bfloat16 storage', () => {
    // bfloat16 rounding as @init/schemes' float32ToBfloat16 does it (bf16Word), one value at a time.
    function reference(values: Float32Array): Uint16Array {
      const w = new Int32Array(values.buffer, values.byteOffset, values.length);
      const out = new Uint16Array(values.length);
      for (let i = 0; i < w.length; i++) {
        const b = w[i] as number;
        out[i] =
          (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
      }
      return out;
    }
    type Fill32 = (o: Float32Array, options?: { offset: number }) => unknown;
    const kinds: [string, (rng: ReturnType<typeof createRng>) => Fill32, string, number[]][] = [
      ['uniform', (r) => (o, x) => r.fillUniform(o, -1, 2, x), 'fillUniform', [-1, 2]],
      ['normal', (r) => (o, x) => r.fillNormal(o, 0.5, 3, x), 'fillNormal', [0.5, 3]],
      [
        'truncated [-2, 2]',
        (r) => (o, x) => r.fillTruncatedNormal(o, 0, 1, -2, 2, x),
        'fillTruncatedNormal',
        [0, 1, -2, 2],
      ],
      [
        'truncated [3, 6]',
        (r) => (o, x) => r.fillTruncatedNormal(o, 0, 1, 3, 6, x),
        'fillTruncatedNormal',
        [0, 1, 3, 6],
      ],
      [
        'truncated far tail [40, 41]',
        (r) => (o, x) => r.fillTruncatedNormal(o, 0, 1, 40, 41, x),
        'fillTruncatedNormal',
        [0, 1, 40, 41],
      ],
      [
        'truncated constant',
        (r) => (o, x) => r.fillTruncatedNormal(o, 0.25, 0, -1, 1, x),
        'fillTruncatedNormal',
        [0.25, 0, -1, 1],
      ],
    ];
    const call = (
      f: typeof filler,
      method: string,
      rng: unknown,
      out: Uint16Array,
      args: number[],
      o: object,
    ) =>
      (f as unknown as Record<string, (...a: unknown[]) => Promise<Uint16Array>>)[method]!(
        rng,
        out,
        ...args,
        o,
      );

    it.each(kinds)(
      '%s: the bits of the float32 fill rounded to bfloat16, stream advanced alike',
      async (_, single, method, args) => {
        const a = createRng('bf');
        const b = createRng('bf');
        a.nextUint32();
        b.nextUint32();
        const x = new Uint16Array(N);
        const result = await call(filler, method, a, x, args, { bfloat16: true });
        expect(result).toBe(x);
        const y = new Float32Array(N);
        single(b)(y);
        expect(bits(x).equals(bits(reference(y)))).toBe(true);
        expect(a.getState()).toEqual(b.getState());
      },
    );

    it('any length, offset and view position (shared or not), on workers or the calling thread', async () => {
      const workersOnly = createParallelFiller({ threads: 3, minParallelLength: 0, callerShare: false });
      const single = createParallelFiller({ threads: 1 });
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 0, max: kinds.length - 1 }),
            fc.integer({ min: 0, max: 70_000 }),
            fc.integer({ min: 0, max: 2 ** 40 }),
            fc.integer({ min: 0, max: 5 }),
            fc.boolean(),
            fc.integer({ min: 0, max: 2 }),
            fc.integer(),
            async (k, n, offset, lead, shared, which, seed) => {
              const [, fill32, method, args] = kinds[k]!;
              const f = [filler, workersOnly, single][which]!;
              const Buffer_ = shared ? SharedArrayBuffer : ArrayBuffer;
              const backing = new Uint16Array(new Buffer_(2 * (n + lead + 3)) as ArrayBuffer).fill(0xabcd);
              const out = backing.subarray(lead, lead + n);
              await call(f, method, createRng(seed), out, args, { offset, bfloat16: true });
              const y = new Float32Array(n);
              fill32(createRng(seed))(y, { offset });
              expect(bits(out).equals(bits(reference(y)))).toBe(true);
              // Nothing outside the view is written.
              expect(backing.subarray(0, lead).every((v) => v === 0xabcd)).toBe(true);
              expect(backing.subarray(lead + n).every((v) => v === 0xabcd)).toBe(true);
            },
          ),
          { numRuns: 60 },
        );
      } finally {
        await workersOnly.close();
        await single.close();
      }
    });

    it('odd view positions and offsets in place, workers only', async () => {
      const workersOnly = createParallelFiller({ threads: 3, minParallelLength: 0, callerShare: false });
      try {
        for (const [lead, offset, n] of [
          [1, 3, 100_003],
          [3, 0, 65_537],
          [0, 1, 8_193],
          [5, 12_345, 200_001],
        ] as const) {
          const backing = new Uint16Array(
            new SharedArrayBuffer(2 * (n + lead + 1)) as unknown as ArrayBuffer,
          );
          const out = backing.subarray(lead, lead + n);
          await workersOnly.fillNormal(createRng('odd'), out, 0, 0.02, { offset, bfloat16: true });
          const y = createRng('odd').fillNormal(new Float32Array(n), 0, 0.02, { offset });
          expect(bits(out).equals(bits(reference(y)))).toBe(true);
          expect(backing[n + lead]).toBe(0);
          if (lead > 0) expect(backing[lead - 1]).toBe(0);
        }
      } finally {
        await workersOnly.close();
      }
    });

    it('rounds to nearest even and keeps NaN a quiet NaN of its sign, at any alignment', () => {
      const specials = new Uint32Array([
        0x3f808000, 0x3f818000, 0x3f807fff, 0x3f808001, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
        0x7f800001, 0xff800001, 0x7fc00000, 0x00000001, 0x80000000, 0x00008000, 0x00018000, 0xffffffff,
      ]);
      const values = new Float32Array(specials.buffer);
      for (let at = 0; at < 3; at++) {
        for (let lead = 0; lead < 3; lead++) {
          const out = new Uint16Array(values.length + at + lead + 1).subarray(lead);
          storeBfloat16(values, out, at);
          expect([...out.subarray(at, at + values.length)]).toEqual([...reference(values)]);
        }
      }
      expect([...reference(values)].map((v) => v.toString(16))).toEqual([
        '3f80',
        '3f82',
        '3f80',
        '3f81',
        '7f80',
        'ff80',
        '7f80',
        'ff80',
        '7fc0',
        'ffc0',
        '7fc0',
        '0',
        '8000',
        '0',
        '2',
        'ffff',
      ]);
    });

    it("the workers' WebAssembly rounding gives the same bits as the loop, NaN and ties included", () => {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const module = new WebAssembly.Module(Buffer.from(BF16_ROUND_WASM_BASE64, 'base64'));
      const { round } = new WebAssembly.Instance(module, { env: { memory } }).exports as {
        round: (ptr: number, n: number) => void;
      };
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              fc.integer({ min: 0, max: 0xffffffff }),
              fc.constantFrom(
                0x7f800001,
                0xffc00000,
                0x7fffffff,
                0x7f800000,
                0x3f808000,
                0x3f818000,
                0x7f7fffff,
              ),
              fc.integer({ min: 0, max: 0xffffffff }).map((b) => ((b & 0xffff0000) | 0x8000) >>> 0),
            ),
            { minLength: 0, maxLength: 200 },
          ),
          fc.integer({ min: 0, max: 64 }),
          (words, at) => {
            const n = words.length & ~7;
            const ptr = 4 * at;
            const src = new Uint32Array(words.slice(0, n));
            new Uint32Array(memory.buffer, ptr, n).set(src);
            round(ptr, n);
            const got = new Uint16Array(memory.buffer, ptr, n);
            expect([...got]).toEqual([...reference(new Float32Array(src.buffer))]);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('validates: a Uint16Array only with bfloat16 true, a boolean bfloat16, no other keys, no bernoulli', async () => {
      const r = createRng(1);
      for (const [out, options, argument] of [
        [new Float32Array(4), { bfloat16: true }, 'out'],
        [new Uint16Array(4), {}, 'out'],
        [new Uint16Array(4), undefined, 'out'],
        [new Uint16Array(4), { bfloat16: false }, 'out'],
        [new Uint16Array(4), { bfloat16: 1 }, 'bfloat16'],
        [new Uint16Array(4), { bfloat16: true, ofset: 2 }, 'options'],
        [new Uint16Array(4), { bfloat16: true, offset: -1 }, 'offset'],
        [new Uint16Array(4), { bfloat16: true, offset: 1.5 }, 'offset'],
      ] as const) {
        for (const method of ['fillUniform', 'fillNormal']) {
          await expect(
            call(filler, method, r, out as Uint16Array, [0, 1], options as object),
          ).rejects.toMatchObject({
            name: 'RngError',
            argument,
          });
        }
        await expect(
          call(filler, 'fillTruncatedNormal', r, out as Uint16Array, [0, 1, -2, 2], options as object),
        ).rejects.toMatchObject({ name: 'RngError', argument });
      }
      await expect(filler.fillNormal(r, new Uint16Array(4), 0, -1, { bfloat16: true })).rejects.toMatchObject(
        {
          name: 'RngError',
          argument: 'std',
        },
      );
      await expect(
        filler.fillBernoulli(r, new Uint16Array(4) as never, 0.5, { bfloat16: true } as never),
      ).rejects.toMatchObject({ name: 'RngError', argument: 'out' });
      await expect(
        filler.fillNormal(createRng(1, { algorithm: 'alea' }), new Uint16Array(4), 0, 1, { bfloat16: true }),
      ).rejects.toMatchObject({ code: 'UNSUPPORTED', argument: 'rng' });
      expect(r.getState()).toEqual(createRng(1).getState()); // failed calls do not move the stream
    });
  });
});
