import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { materialize } from './materialize';

// Written by scripts/reference/weights_interop.py from the files packages/advisor/scripts/write-interop-files.ts
// wrote: numpy parsed them by the safetensors specification and compared them with PyTorch reference modules.
const fixture = JSON.parse(
  readFileSync(new URL('../test/fixtures/weights-interop.json', import.meta.url), 'utf8'),
) as {
  failures: string[];
  models: Record<
    string,
    {
      config: Record<string, unknown>;
      seed: number;
      tied: { name: string; to: string }[];
      tensors: {
        name: string;
        shape: number[];
        reference_shape: number[];
        f32_equal: boolean;
        bf16_equal: boolean;
        f16_equal: boolean;
        sharded_equal: boolean;
        expected_std: number;
        js_std: number;
        reference_std: number;
      }[];
    }
  >;
};

describe('interop with numpy and PyTorch (committed fixture)', () => {
  it('every check of the reference script passed', () => {
    expect(fixture.failures).toEqual([]);
    expect(Object.keys(fixture.models).sort()).toEqual(['gpt2_tiny', 'llama_tiny']);
  });

  for (const [key, model] of Object.entries(fixture.models)) {
    it(`${key}: names and shapes equal the reference module's; files equal memory in f32, bf16, f16 and shards`, () => {
      const m = materialize(model.config as never, { seed: model.seed });
      expect(m.tensors.map((t) => [t.name, t.shape])).toEqual(
        model.tensors.map((t) => [t.name, t.reference_shape]),
      );
      expect(m.tied).toEqual(model.tied);
      for (const t of model.tensors) {
        expect([t.f32_equal, t.bf16_equal, t.f16_equal, t.sharded_equal], t.name).toEqual([
          true,
          true,
          true,
          true,
        ]);
      }
    });

    it(`${key}: today's tensors are the bits the script checked (their std, to the last digit), near the reference std`, () => {
      const m = materialize(model.config as never, { seed: model.seed });
      m.tensors.forEach((t, k) => {
        const row = model.tensors[k] as (typeof model.tensors)[number];
        let s1 = 0;
        let s2 = 0;
        for (const x of t.data) {
          s1 += x;
          s2 += x * x;
        }
        const mean = s1 / t.data.length;
        const std = Math.sqrt(Math.max(0, s2 / t.data.length - mean * mean));
        expect(std, t.name).toBeCloseTo(row.js_std, 9);
        if (row.expected_std === 0) expect(row.reference_std).toBe(0);
        else {
          const tol = 6 / Math.sqrt(2 * t.data.length);
          expect(Math.abs(row.reference_std / row.expected_std - 1), t.name).toBeLessThanOrEqual(tol);
          expect(Math.abs(std / row.expected_std - 1), t.name).toBeLessThanOrEqual(tol);
        }
      });
    });
  }
});
