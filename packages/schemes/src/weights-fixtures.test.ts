import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNpy, decodeSafetensors, InitError } from './index';

interface Case {
  file: string;
  what: string;
  code: string | null;
  argument?: string;
}
const manifest = JSON.parse(
  readFileSync(new URL('../test/fixtures/weights-files.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function read(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../test/fixtures/weights/${file}`, import.meta.url)));
}

function decode(file: string): unknown {
  const bytes = read(file);
  return file.endsWith('.npy') ? decodeNpy(bytes) : decodeSafetensors(bytes);
}

describe('committed weights-file fixtures', () => {
  it('cover every corruption the readers must reject', () => {
    expect(manifest.cases.filter((c) => c.code !== null).length).toBeGreaterThanOrEqual(30);
  });
  for (const c of manifest.cases) {
    it(`${c.file}: ${c.what}`, () => {
      if (c.code === null) {
        expect(() => decode(c.file)).not.toThrow();
        return;
      }
      let error: unknown;
      try {
        decode(c.file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InitError);
      const e = error as InitError;
      expect(e.code).toBe(c.code);
      expect(e.argument.startsWith(c.argument as string)).toBe(true);
    });
  }

  it('the valid safetensors fixture decodes to its exact values', () => {
    const { tensors, metadata } = decodeSafetensors(read('valid.safetensors'));
    expect(metadata).toEqual({ format: 'pt' });
    expect(tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['a.weight', 'F32', [2, 3]],
      ['b.bias', 'BF16', [2]],
      ['c', 'F64', [1]],
      ['d', 'F16', [3]],
    ]);
    expect(Array.from(tensors[0]?.data ?? [])).toEqual([1, -2, 3.5, 0, 1e-3, -0].map(Math.fround));
    expect(Array.from(tensors[1]?.data ?? [])).toEqual([0x3f80, 0xc000]);
    expect(tensors[2]?.data[0]).toBe(Math.PI);
  });

  it('the valid .npy fixtures decode to their exact values', () => {
    expect(decodeNpy(read('valid-v1.npy'))).toEqual({
      data: new Float32Array([1, 2, 3, 4, 5, 6]),
      shape: [2, 3],
      dtype: 'float32',
    });
    expect(decodeNpy(read('valid-v2.npy')).data).toEqual(new Float64Array([0.25, -1]));
  });
});
