import { describe, expect, it } from 'vitest';
import { checkpointIndexJson, InitError, planCheckpoint, type SafetensorsEntry } from './index';

const entries: SafetensorsEntry[] = [
  { name: 'wte.weight', dtype: 'F32', shape: [10, 4] }, // 160 bytes
  { name: 'h.0.w', dtype: 'F32', shape: [4, 4] }, // 64
  { name: 'h.0.b', dtype: 'F32', shape: [4] }, // 16
  { name: 'h.1.w', dtype: 'F32', shape: [4, 4] }, // 64
  { name: 'ln_f.weight', dtype: 'F32', shape: [4] }, // 16
];

describe('planCheckpoint', () => {
  it('writes one model.safetensors without an index when everything fits', () => {
    const plan = planCheckpoint(entries);
    expect(plan.files.map((f) => f.file)).toEqual(['model.safetensors']);
    expect(plan.index).toBeUndefined();
    expect(plan.totalSize).toBe(320);
    expect(plan.files[0]?.size).toBe((plan.files[0]?.header.dataStart ?? 0) + 320);
  });

  it('starts a new shard when the next tensor would pass the limit, as Hugging Face does', () => {
    const plan = planCheckpoint(entries, { maxShardBytes: 100 });
    expect(plan.files.map((f) => f.header.tensors.map((t) => t.name))).toEqual([
      ['wte.weight'],
      ['h.0.w', 'h.0.b'],
      ['h.1.w', 'ln_f.weight'],
    ]);
    expect(plan.files.map((f) => f.file)).toEqual([
      'model-00001-of-00003.safetensors',
      'model-00002-of-00003.safetensors',
      'model-00003-of-00003.safetensors',
    ]);
    expect(plan.index).toEqual({
      metadata: { total_size: 320 },
      weight_map: {
        'h.0.b': 'model-00002-of-00003.safetensors',
        'h.0.w': 'model-00002-of-00003.safetensors',
        'h.1.w': 'model-00003-of-00003.safetensors',
        'ln_f.weight': 'model-00003-of-00003.safetensors',
        'wte.weight': 'model-00001-of-00003.safetensors',
      },
    });
    const text = checkpointIndexJson(plan.index as NonNullable<typeof plan.index>);
    expect(
      text.startsWith('{\n  "metadata": {\n    "total_size": 320\n  },\n  "weight_map": {\n    "h.0.b"'),
    ).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('rejects bad options with InitError', () => {
    expect(() => planCheckpoint(entries, { maxShardBytes: 0 })).toThrow(InitError);
    expect(() => planCheckpoint(entries, { maxShardBytes: 1.5 })).toThrowError(/maxShardBytes/);
    expect(() => planCheckpoint(entries, { maxShard: 1 } as never)).toThrowError(/unknown option/);
    expect(() => planCheckpoint([{ name: 'a', dtype: 'F32', shape: [-1] }])).toThrowError(
      /entries\[0\]\.shape/,
    );
  });
});
