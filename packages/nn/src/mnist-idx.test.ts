import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NnError } from './errors';
import { parseMnist } from './mnist-dataset';
import { MNIST_MEAN, MNIST_STD, parseIdxImages, parseIdxLabels, readIdxHeader } from './mnist-idx';

/** Builds an IDX file by hand: magic 00 00 type ndim, big-endian dims, data. */
function idx(type: number, dims: number[], data: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out[2] = type;
  out[3] = dims.length;
  const view = new DataView(out.buffer);
  for (const [i, d] of dims.entries()) view.setUint32(4 + 4 * i, d, false);
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function thrown(f: () => unknown): NnError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NnError);
    return error as NnError;
  }
  throw new Error('expected an NnError');
}

// Two 2x3 images and their labels, written out byte by byte.
const IMAGES = new Uint8Array([
  0x00, 0x00, 0x08, 0x03, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0, 51, 102,
  153, 204, 255, 255, 0, 0, 0, 0, 17,
]);
const LABELS = new Uint8Array([0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x00, 0x02, 9, 3]);

describe('readIdxHeader', () => {
  it('reads magic, type and big-endian dimensions of a hand-made file', () => {
    expect(readIdxHeader(IMAGES)).toEqual({
      dtype: 'uint8',
      shape: [2, 2, 3],
      headerBytes: 16,
      bytesPerElement: 1,
    });
    expect(readIdxHeader(LABELS.buffer)).toEqual({
      dtype: 'uint8',
      shape: [2],
      headerBytes: 8,
      bytesPerElement: 1,
    });
    // Dimensions above 255 need all four big-endian bytes.
    const wide = idx(0x08, [0x0102], new Array(0x0102).fill(0));
    expect(readIdxHeader(wide).shape).toEqual([258]);
    expect(readIdxHeader(idx(0x0d, [2], new Array(8).fill(0))).dtype).toBe('float32');
  });

  it('reads a file that sits at an offset inside a larger buffer', () => {
    const big = new Uint8Array(LABELS.length + 5);
    big.set(LABELS, 5);
    expect(readIdxHeader(big.subarray(5)).shape).toEqual([2]);
    expect(parseIdxLabels(big.subarray(5)).data).toEqual(new Int32Array([9, 3]));
  });

  it.each([
    ['empty', new Uint8Array(0), /truncated/],
    ['three bytes', new Uint8Array([0, 0, 8]), /truncated/],
    ['wrong magic', new Uint8Array([0x1f, 0x8b, 8, 1, 0, 0, 0, 0]), /magic/],
    ['unknown type', new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0]), /element type 0x07/],
    ['zero dimensions', new Uint8Array([0, 0, 8, 0]), /0 dimensions/],
    ['header cut short', new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]), /truncated IDX file: 8 bytes/],
    ['data cut short', IMAGES.subarray(0, IMAGES.length - 1), /truncated/],
    ['trailing bytes', new Uint8Array([...LABELS, 0]), /trailing/],
    [
      'huge claimed size',
      new Uint8Array([0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]),
      /truncated/,
    ],
  ])('rejects %s with INVALID_ARGUMENT on bytes', (_name, bytes, message) => {
    const e = thrown(() => readIdxHeader(bytes));
    expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'bytes']);
    expect(e.message).toMatch(message);
  });

  it('rejects values that are not bytes', () => {
    for (const v of [
      null,
      undefined,
      'abc',
      [0, 0, 8, 1],
      new Uint16Array(8),
      5n,
      Symbol('x'),
      Object.create(null),
    ]) {
      const e = thrown(() => readIdxHeader(v as never));
      expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'bytes']);
    }
  });
});

describe('parseIdxImages', () => {
  it('scales a hand-made file to [0, 1], standardizes and keeps raw bytes', () => {
    const unit = parseIdxImages(IMAGES);
    expect(unit.shape).toEqual([2, 2, 3]);
    expect(Array.from(unit.data)).toEqual(
      [0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 17].map((v) => Math.fround(v / 255)),
    );
    const raw = parseIdxImages(IMAGES, { scaling: 'none' });
    expect(Array.from(raw.data)).toEqual([0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 17]);
    const std = parseIdxImages(IMAGES, { scaling: 'standardize' });
    expect(std.data[5]).toBe(Math.fround((1 - MNIST_MEAN) / MNIST_STD));
    const own = parseIdxImages(IMAGES, { scaling: 'standardize', mean: 0.5, std: 0.5 });
    expect(own.data[0]).toBe(-1);
    expect(own.data[5]).toBe(1);
  });

  it('reads a window of images without touching the others', () => {
    const second = parseIdxImages(IMAGES, { start: 1, scaling: 'none' });
    expect(second.shape).toEqual([1, 2, 3]);
    expect(Array.from(second.data)).toEqual([255, 0, 0, 0, 0, 17]);
    expect(parseIdxImages(IMAGES, { start: 2 }).shape).toEqual([0, 2, 3]);
    expect(parseIdxImages(IMAGES, { count: 1 }).data.length).toBe(6);
  });

  it('rejects label files, other element types, bad windows and unknown options', () => {
    expect(thrown(() => parseIdxImages(LABELS)).message).toMatch(/IDX3/);
    expect(thrown(() => parseIdxImages(idx(0x0d, [1, 1, 1], [0, 0, 0, 0]))).message).toMatch(/float32/);
    expect(thrown(() => parseIdxImages(IMAGES, { start: 3 })).argument).toBe('start');
    expect(thrown(() => parseIdxImages(IMAGES, { start: 1, count: 2 })).argument).toBe('count');
    expect(thrown(() => parseIdxImages(IMAGES, { count: Number.NaN })).code).toBe('NOT_FINITE');
    expect(thrown(() => parseIdxImages(IMAGES, { std: 0 })).argument).toBe('std');
    expect(thrown(() => parseIdxImages(IMAGES, { scaling: 'units' as never })).message).toMatch(
      /did you mean 'unit'/,
    );
    const e = thrown(() => parseIdxImages(IMAGES, { scalng: 'unit' } as never));
    expect(e.message).toMatch(/did you mean 'scaling'/);
  });
});

describe('parseIdxLabels', () => {
  it('reads labels as Int32Array or Uint8Array and checks them against classes', () => {
    expect(parseIdxLabels(LABELS)).toEqual({ data: new Int32Array([9, 3]), shape: [2], classes: 10 });
    const u8 = parseIdxLabels(LABELS, { dtype: 'uint8', start: 1 });
    expect(u8.data).toEqual(new Uint8Array([3]));
    // The result owns its memory: writing to it leaves the file alone.
    u8.data[0] = 0;
    expect(LABELS[9]).toBe(3);
    const e = thrown(() => parseIdxLabels(LABELS, { classes: 5 }));
    expect([e.code, e.argument]).toEqual(['INVALID_ARGUMENT', 'bytes']);
    expect(e.message).toMatch(/label 0 is 9/);
    expect(thrown(() => parseIdxLabels(IMAGES)).message).toMatch(/IDX1/);
  });
});

describe('parseMnist', () => {
  it('pairs images and labels, flat or as [n, 1, rows, cols]', () => {
    const flat = parseMnist(IMAGES, LABELS);
    expect(flat.shape).toEqual([2, 6]);
    expect(flat.yShape).toEqual([2]);
    expect(flat.y).toEqual(new Int32Array([9, 3]));
    expect(flat.classes).toBe(10);
    const conv = parseMnist(IMAGES, LABELS, { flatten: false, labels: 'uint8', start: 1 });
    expect(conv.shape).toEqual([1, 1, 2, 3]);
    expect(conv.y).toEqual(new Uint8Array([3]));
  });

  it('rejects files of different lengths and names the bad file', () => {
    const one = idx(0x08, [1], [4]);
    expect(thrown(() => parseMnist(IMAGES, one)).code).toBe('SHAPE_MISMATCH');
    expect(thrown(() => parseMnist(IMAGES.subarray(0, 20), LABELS)).argument).toBe('images');
    expect(thrown(() => parseMnist(IMAGES, LABELS.subarray(0, 9))).argument).toBe('labels');
    expect(thrown(() => parseMnist(LABELS, LABELS)).argument).toBe('images');
  });
});

describe('IDX parsing of hostile bytes (property)', () => {
  it('throws only NnError, quickly, and never allocates what the header claims', () => {
    const header = fc.tuple(
      fc.constantFrom(0, 8, 9, 0x0b, 0x0c, 0x0d, 0x0e, 255),
      fc.integer({ min: 0, max: 10 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(0xffffffff), fc.nat()), {
        maxLength: 10,
      }),
      fc.uint8Array({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(header, fc.boolean(), ([type, ndim, dims, tail], prefix) => {
        const head = new Uint8Array(4 + 4 * dims.length);
        head[1] = prefix ? 1 : 0;
        head[2] = type;
        head[3] = ndim;
        for (const [i, d] of dims.entries()) new DataView(head.buffer).setUint32(4 + 4 * i, d >>> 0, false);
        const bytes = new Uint8Array([...head, ...tail]);
        const t0 = performance.now();
        for (const parse of [readIdxHeader, parseIdxImages, parseIdxLabels] as Array<
          (b: Uint8Array) => unknown
        >) {
          try {
            const out = parse(bytes) as { data?: ArrayLike<number> };
            // Whatever is returned fits in the bytes that were given.
            if (out.data !== undefined) expect(out.data.length).toBeLessThanOrEqual(bytes.length);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
        }
        expect(performance.now() - t0).toBeLessThan(1000);
      }),
      { numRuns: 400, seed: 10 },
    );
  });

  it('round-trips any small image file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        (n, rows, cols, pixels) => {
          const values = [...pixels.take(n * rows * cols)];
          const parsed = parseIdxImages(idx(0x08, [n, rows, cols], values), { scaling: 'none' });
          expect(parsed.shape).toEqual([n, rows, cols]);
          expect(Array.from(parsed.data)).toEqual(values);
        },
      ),
      { numRuns: 100, seed: 11 },
    );
  });

  it('rejects hostile options with NnError only', () => {
    const hostile = fc.oneof(
      fc.constant(null),
      fc.constant(Object.create(null)),
      fc.bigInt(),
      fc.double(),
      fc.string(),
      fc.constant(Symbol('s')),
      fc.dictionary(fc.string(), fc.anything()),
      fc.record({ start: fc.anything(), count: fc.anything(), scaling: fc.anything() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(hostile, (options) => {
        for (const parse of [parseIdxImages, parseIdxLabels] as Array<
          (b: Uint8Array, o: unknown) => unknown
        >) {
          try {
            parse(parse === parseIdxImages ? IMAGES : LABELS, options);
          } catch (error) {
            expect(error).toBeInstanceOf(NnError);
          }
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
