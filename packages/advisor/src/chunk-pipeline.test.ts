import { describe, expect, it } from 'vitest';
import { ChunkPipeline, fileChunks } from './chunk-pipeline';

const tensors = [
  { name: 'a', begin: 16, end: 16 + 4 * 10 },
  { name: 'empty', begin: 56, end: 56 },
  { name: 'b', begin: 56, end: 56 + 4 * 25 },
];
const size = 56 + 4 * 25;

describe('fileChunks', () => {
  it('cuts every tensor byte exactly once, in file order, never across a block or beyond a chunk', () => {
    const jobs = [...fileChunks(tensors, size, 4, 6, 32)];
    const covered: number[] = [];
    for (const j of jobs) {
      expect(j.n).toBeGreaterThan(0);
      expect(j.n).toBeLessThanOrEqual(6);
      expect(Math.floor(j.fileAt / 32)).toBe(Math.floor((j.fileAt + 4 * j.n - 1) / 32));
      expect(j.fileAt).toBe(j.tensor.begin + 4 * j.e);
      for (let k = 0; k < j.n; k++) covered.push(j.fileAt + 4 * k);
    }
    const expected: number[] = [];
    for (let at = 16; at < size; at += 4) expected.push(at);
    expect(covered).toEqual(expected);
    expect(jobs.some((j) => j.tensor.name === 'empty')).toBe(false);
  });

  it('starts at a given block', () => {
    const all = [...fileChunks(tensors, size, 4, 6, 32)];
    expect([...fileChunks(tensors, size, 4, 6, 32, 64)]).toEqual(all.filter((j) => j.fileAt >= 64));
  });
});

describe('ChunkPipeline', () => {
  it('hands out chunks in order, generated one ahead, and stops at the limit', async () => {
    const started: number[] = [];
    const pipeline = new ChunkPipeline(
      fileChunks(tensors, size, 4, 6, 32),
      async (job, values) => {
        started.push(job.fileAt);
        for (let k = 0; k < job.n; k++) values[k] = job.fileAt + 4 * k;
      },
      6,
      'float32',
    );
    const seen: number[] = [];
    const total = [...fileChunks(tensors, size, 4, 6, 32)].length;
    let taken = 0;
    for (const limit of [32, 64, 96, 128, size]) {
      for (let c = await pipeline.take(limit); c; c = await pipeline.take(limit)) {
        expect(c.job.fileAt).toBeLessThan(limit);
        // The next chunk is already under way while this one is used.
        taken++;
        expect(started.length).toBe(Math.min(total, taken + 1));
        seen.push(...c.values);
      }
    }
    const expected: number[] = [];
    for (let at = 16; at < size; at += 4) expected.push(at);
    expect(seen).toEqual(expected);
    expect(await pipeline.take(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('with depth 2, runs two chunks ahead in three arrays, never reusing one still in use', async () => {
    const started: number[] = [];
    const inUse = new Set<ArrayBufferLike>();
    const pipeline = new ChunkPipeline(
      fileChunks(tensors, size, 4, 6, 32),
      async (job, values) => {
        expect(inUse.has(values.buffer)).toBe(false);
        inUse.add(values.buffer);
        started.push(job.fileAt);
        await new Promise((r) => setTimeout(r, started.length % 3));
        for (let k = 0; k < job.n; k++) values[k] = job.fileAt + 4 * k;
      },
      6,
      'float32',
      2,
    );
    const total = [...fileChunks(tensors, size, 4, 6, 32)].length;
    const seen: number[] = [];
    let taken = 0;
    // A chunk's array is the caller's until its next take().
    for (let c = await pipeline.take(size); c; inUse.delete(c.values.buffer), c = await pipeline.take(size)) {
      taken++;
      expect(started.length).toBe(Math.min(total, taken + 2));
      seen.push(...c.values);
    }
    const expected: number[] = [];
    for (let at = 16; at < size; at += 4) expected.push(at);
    expect(seen).toEqual(expected);
  });

  it('bfloat16 scratch arrays: shared Uint16Array views of the chunk size', async () => {
    const kinds: string[] = [];
    const pipeline = new ChunkPipeline(
      fileChunks(tensors, size, 2, 6, 32),
      async (_job, values) => {
        kinds.push(
          `${values.constructor.name}:${values.buffer.constructor.name}:${values.buffer.byteLength}`,
        );
      },
      6,
      'bfloat16',
    );
    while (await pipeline.take(size));
    expect(new Set(kinds)).toEqual(new Set(['Uint16Array:SharedArrayBuffer:12']));
  });

  it('reports a failed chunk when it is taken', async () => {
    const pipeline = new ChunkPipeline(
      fileChunks(tensors, size, 4, 6, 32),
      async () => {
        throw new Error('disk gone');
      },
      6,
      'float32',
    );
    await expect(pipeline.take(size)).rejects.toThrow('disk gone');
  });
});
