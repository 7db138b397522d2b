import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSafetensorsHeader,
  decodeNpy,
  decodeSafetensors,
  encodeNpy,
  encodeSafetensors,
  InitError,
  npyHeader,
  parseNpyHeader,
  type SafetensorsDtype,
  type SafetensorsInput,
} from './index';

const bytesOf = (a: ArrayBufferView): number[] =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

const shapeArb = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 4 });
const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

/** Raw random bits of the dtype's width, so NaN payloads, -0 and subnormals are all exercised. */
function dataArb(dtype: SafetensorsDtype, n: number): fc.Arbitrary<SafetensorsInput['data']> {
  if (dtype === 'F64') {
    return fc
      .array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 2 * n, maxLength: 2 * n })
      .map((w) => new Float64Array(new Uint32Array(w).buffer));
  }
  const max = dtype === 'F32' ? 0xffffffff : 0xffff;
  return fc
    .array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n })
    .map((w) => (dtype === 'F32' ? new Float32Array(new Uint32Array(w).buffer) : new Uint16Array(w)));
}

const tensorArb = fc
  .tuple(fc.constantFrom<SafetensorsDtype>('F32', 'F64', 'BF16', 'F16'), shapeArb)
  .chain(([dtype, shape]) => dataArb(dtype, size(shape)).map((data) => ({ dtype, shape, data })));

describe('safetensors round trip', () => {
  it('encode → decode is the identity, bits included, for every dtype (property)', () => {
    fc.assert(
      fc.property(
        fc.array(tensorArb, { maxLength: 6 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        (list, metadata) => {
          const tensors = list.map((t, k) => ({ name: `t${k}.w`, ...t }));
          const file = encodeSafetensors(tensors, { metadata });
          expect(new DataView(file.buffer).getUint32(0, true) % 8).toBe(0);
          const back = decodeSafetensors(file);
          expect(back.metadata).toEqual({ ...metadata });
          expect(back.tensors.length).toBe(tensors.length);
          back.tensors.forEach((t, k) => {
            const want = tensors[k] as (typeof tensors)[number];
            expect([t.name, t.dtype, t.shape]).toEqual([want.name, want.dtype, want.shape]);
            expect(bytesOf(t.data)).toEqual(bytesOf(want.data));
          });
          // Re-encoding the decoded tensors gives the same file, byte for byte.
          expect(bytesOf(encodeSafetensors(back.tensors, { metadata: back.metadata }))).toEqual(
            bytesOf(file),
          );
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });

  it('pads the header with spaces so the data starts 8-byte aligned', () => {
    for (let len = 1; len < 20; len++) {
      const { bytes, header } = buildSafetensorsHeader([{ name: 'x'.repeat(len), dtype: 'F32', shape: [1] }]);
      expect(header.dataStart % 8).toBe(0);
      const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
      const text = new TextDecoder().decode(bytes.subarray(8, 8 + n));
      expect(text).toMatch(/^\{"x+":\{"dtype":"F32","shape":\[1\],"data_offsets":\[0,4\]\}\} *$/);
    }
  });

  it('rejects bad input to the writers with InitError naming the argument', () => {
    const cases: [() => unknown, string][] = [
      [() => encodeSafetensors([{ name: 'w', shape: [3], data: new Float32Array(2) }]), 'tensors[0].data'],
      [() => encodeSafetensors([{ name: 'w', shape: [2], data: new Uint16Array(2) }]), 'tensors[0].dtype'],
      [
        () => encodeSafetensors([{ name: 'w', shape: [2], dtype: 'F64', data: new Float32Array(2) }]),
        'tensors[0].dtype',
      ],
      [() => buildSafetensorsHeader([{ name: 'w', dtype: 'I8' as 'F32', shape: [1] }]), 'entries[0].dtype'],
      [() => buildSafetensorsHeader([{ name: '__metadata__', dtype: 'F32', shape: [1] }]), 'entries[0].name'],
      [
        () =>
          buildSafetensorsHeader([
            { name: 'w', dtype: 'F32', shape: [1] },
            { name: 'w', dtype: 'F32', shape: [1] },
          ]),
        'entries[1].name',
      ],
      [() => buildSafetensorsHeader([{ name: 'w', dtype: 'F32', shape: [-1] }]), 'entries[0].shape'],
      [
        () => buildSafetensorsHeader([{ name: 'w', dtype: 'F32', shape: [2 ** 40, 2 ** 40] }]),
        'entries[0].shape',
      ],
      [() => buildSafetensorsHeader([], { a: 1 as unknown as string }), 'metadata.a'],
      [() => encodeSafetensors([], { meta: {} } as never), 'options'],
      [() => decodeSafetensors(null as never), 'bytes'],
    ];
    for (const [run, argument] of cases) {
      expect(run).toThrow(InitError);
      try {
        run();
      } catch (e) {
        expect((e as InitError).argument).toBe(argument);
      }
    }
  });
});

describe('npy round trip', () => {
  it('encode → decode is the identity, bits included, in versions 1 and 2 (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'F32' | 'F64'>('F32', 'F64'),
        shapeArb,
        fc.constantFrom<1 | 2 | undefined>(1, 2, undefined),
        (dtype, shape, version) => {
          const n = size(shape);
          const data = fc.sample(dataArb(dtype, n), { numRuns: 1, seed: n })[0] as
            | Float32Array
            | Float64Array;
          const file = encodeNpy({ data, shape }, version === undefined ? {} : { version });
          const header = parseNpyHeader(file);
          expect(header.dataOffset % 64).toBe(0);
          expect(header.version).toBe(version ?? 1);
          const back = decodeNpy(file);
          expect(back.shape).toEqual(shape);
          expect(back.dtype).toBe(dtype === 'F32' ? 'float32' : 'float64');
          expect(bytesOf(back.data)).toEqual(bytesOf(data));
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it('writes the header numpy.save writes', () => {
    // The bytes numpy 1.24's np.save writes for np.zeros((2, 3), np.float32), up to the data.
    const text = String.fromCharCode(...npyHeader([2, 3]));
    expect(text).toBe(
      `\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }${' '.repeat(58)}\n`,
    );
    expect(text.length).toBe(128);
    expect(new TextDecoder().decode(npyHeader([], 'float64')).includes("'shape': (), }")).toBe(true);
    expect(new TextDecoder().decode(npyHeader([7])).includes("'shape': (7,), }")).toBe(true);
  });

  it('rejects bad writer input with InitError', () => {
    expect(() => encodeNpy({ data: new Float32Array(3), shape: [2] })).toThrowError(/data/);
    expect(() => encodeNpy({ data: new Float32Array(1), shape: [1] }, { version: 3 as 1 })).toThrowError(
      /version/,
    );
    expect(() => encodeNpy({ data: new Int8Array(1) as never, shape: [1] })).toThrow(InitError);
    expect(() => npyHeader([1], 'int8' as 'float32')).toThrowError(/dtype/);
  });
});

describe('hostile bytes', () => {
  const valid = encodeSafetensors(
    [
      { name: 'a', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
      { name: 'b', shape: [3], dtype: 'BF16', data: new Uint16Array(3) },
    ],
    { metadata: { format: 'pt' } },
  );
  const validNpy = encodeNpy({ data: new Float64Array(6), shape: [3, 2] });

  function onlyInitError(run: () => unknown): boolean {
    const start = performance.now();
    try {
      run();
    } catch (e) {
      if (!(e instanceof InitError)) throw e;
    }
    // A hang guard, not a benchmark: a hostile file of a few hundred bytes must be rejected at once.
    expect(performance.now() - start).toBeLessThan(1000);
    return true;
  }

  const mutation = (base: Uint8Array) =>
    fc
      .tuple(
        fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        fc.nat({ max: base.length }),
      )
      .map(([edits, cut]) => {
        const b = base.slice(0, Math.max(cut, 1));
        for (const [at, v] of edits) if (at < b.length) b[at] = v;
        return b;
      });

  it('random bytes give a result or an InitError, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        onlyInitError(() => decodeSafetensors(bytes));
        return onlyInitError(() => decodeNpy(bytes));
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('mutated and truncated valid files give a result or an InitError (property)', () => {
    fc.assert(
      fc.property(mutation(valid), (bytes) => onlyInitError(() => decodeSafetensors(bytes))),
      { numRuns: 1000, seed: 2 },
    );
    fc.assert(
      fc.property(mutation(validNpy), (bytes) => onlyInitError(() => decodeNpy(bytes))),
      { numRuns: 1000, seed: 3 },
    );
  });

  it('hostile JSON headers give InitError (property)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (json) => {
        const text = new TextEncoder().encode(json);
        const file = new Uint8Array(8 + text.length);
        new DataView(file.buffer).setUint32(0, text.length, true);
        file.set(text, 8);
        return onlyInitError(() => decodeSafetensors(file));
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
