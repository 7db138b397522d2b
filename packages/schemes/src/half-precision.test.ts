import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, float16ToFloat32, float32ToBfloat16, float32ToFloat16, InitError } from './index';

const f32 = (bits: number): number => new Float32Array(new Uint32Array([bits]).buffer)[0] as number;
const bitsOf = (x: number): number => new Uint32Array(new Float32Array([x]).buffer)[0] as number;

describe('float16', () => {
  it('every binary16 pattern widens and narrows back to itself (NaNs stay NaN)', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const back = float32ToFloat16(float16ToFloat32(all));
    for (let h = 0; h < 65536; h++) {
      const isNan = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNan)
        expect(((back[h] as number) & 0x7c00) === 0x7c00 && ((back[h] as number) & 0x3ff) !== 0).toBe(true);
      else if (back[h] !== h)
        expect.fail(`pattern ${h.toString(16)} came back as ${(back[h] as number).toString(16)}`);
    }
  });

  it('rounds to nearest with ties to even between every pair of neighbours', () => {
    const wide = float16ToFloat32(new Uint16Array(0x7c00).map((_, i) => i));
    for (let h = 0; h + 1 < 0x7c00; h++) {
      const a = wide[h] as number;
      const b = wide[h + 1] as number;
      const mid = (a + b) / 2; // exact in float32: one more bit than binary16 has
      const even = (h & 1) === 0 ? h : h + 1;
      const mb = bitsOf(mid);
      const got = float32ToFloat16(new Float32Array([mid, f32(mb - 1), f32(mb + 1)]));
      if (got[0] !== even || got[1] !== h || got[2] !== h + 1)
        expect.fail(`ties wrong between ${h} and ${h + 1}`);
    }
  });

  it('overflows to Infinity from 65520 and underflows to zero below 2^-25', () => {
    expect(
      Array.from(
        float32ToFloat16(new Float32Array([65519, 65520, -1e30, 2 ** -25, 2 ** -25 * 1.0001, -(2 ** -26)])),
      ),
    ).toEqual([0x7bff, 0x7c00, 0xfc00, 0x0000, 0x0001, 0x8000]);
  });
});

describe('bfloat16', () => {
  it('narrowing is round to nearest even of the upper 16 bits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        const x = f32(bits);
        const [b] = float32ToBfloat16(new Float32Array([x]));
        if (Number.isNaN(x)) return Number.isNaN(bfloat16ToFloat32(new Uint16Array([b as number]))[0]);
        const lo = bits >>> 16;
        const rest = bits & 0xffff;
        const expected = rest > 0x8000 || (rest === 0x8000 && (lo & 1) === 1) ? (lo + 1) & 0xffff : lo;
        return b === expected;
      }),
      { numRuns: 5000, seed: 9 },
    );
  });

  it('bulk conversion equals element-by-element conversion, aligned or not, any length (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 40 }),
        fc.boolean(),
        (bits, odd) => {
          const src = new Float32Array(new Uint32Array(bits).buffer);
          const backing = new Uint16Array(src.length + 1);
          const out = float32ToBfloat16(src, backing.subarray(odd ? 1 : 0, src.length + (odd ? 1 : 0)));
          // Single values go through their bits, so NaN payloads are not canonicalized on the way.
          return bits.every(
            (b, i) => out[i] === float32ToBfloat16(new Float32Array(new Uint32Array([b]).buffer))[0],
          );
        },
      ),
      { numRuns: 500, seed: 21 },
    );
  });

  it('NaN never becomes Infinity, and widening is exact', () => {
    const nan = f32(0x7f800001); // a signalling NaN whose payload lives in the low bits only
    const [b] = float32ToBfloat16(new Float32Array([nan, f32(0xff800001)]));
    expect(Number.isNaN(bfloat16ToFloat32(new Uint16Array([b as number]))[0])).toBe(true);
    const all = new Uint16Array(65536).map((_, i) => i);
    const wide = bfloat16ToFloat32(all);
    const back = float32ToBfloat16(wide);
    for (let h = 0; h < 65536; h++) {
      const isNan = (h & 0x7f80) === 0x7f80 && (h & 0x7f) !== 0;
      if (!isNan && back[h] !== h) expect.fail(`pattern ${h} came back as ${back[h]}`);
    }
  });

  it('rejects other array types and lengths with InitError', () => {
    expect(() => float32ToBfloat16(new Float64Array(2) as unknown as Float32Array)).toThrow(InitError);
    expect(() => float32ToFloat16(new Float32Array(2), new Uint16Array(3))).toThrowError(/out/);
    expect(() => bfloat16ToFloat32([1, 2] as unknown as Uint16Array)).toThrow(InitError);
  });
});
