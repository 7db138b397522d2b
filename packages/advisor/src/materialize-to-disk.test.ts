import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSafetensors, float32ToBfloat16, float32ToFloat16 } from '@init/schemes';
import {
  type AtomicDirectHandle,
  type AtomicFileHandle,
  type AtomicFileSystem,
  nodeFileSystem,
} from '@init/schemes/node';
import { afterAll, describe, expect, it } from 'vitest';
import { fileDigest, sidecarPath } from './checkpoint-digest';
import { AdvisorError } from './errors';
import { materialize } from './materialize';
import { materializeToDisk, planModelCheckpoint } from './materialize-to-disk';
import { modelParameters } from './model-source';

const root = mkdtempSync(join(tmpdir(), 'init-materialize-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(root, `run${n++}`);

const gpt2 = { n_layer: 2, n_head: 2, n_embd: 16, vocab_size: 300, n_positions: 40 };
// 300·16 + 40·16 + 2·(… ) elements; with f32 about 60 kB, so a 16 kB shard size gives several files.

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

function tensorsOf(dir: string): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.safetensors'))) {
    for (const t of decodeSafetensors(new Uint8Array(readFileSync(join(dir, f)))).tensors) {
      map.set(t.name, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    }
  }
  return map;
}

describe('materializeToDisk', () => {
  it('writes exactly the in-memory tensors, in f32 and bf16', async () => {
    const memory = materialize(gpt2, { seed: 3 });
    for (const dtype of ['f32', 'bf16'] as const) {
      const out = fresh();
      const result = await materializeToDisk(gpt2, { out, seed: 3, dtype });
      expect(result.files).toEqual([
        { file: 'model.safetensors', size: expect.any(Number), status: 'written' },
      ]);
      expect(existsSync(join(out, 'model.safetensors.sha256.json'))).toBe(true);
      const onDisk = decodeSafetensors(new Uint8Array(readFileSync(join(out, 'model.safetensors'))));
      expect(onDisk.metadata.format).toBe('pt');
      expect(onDisk.tensors.map((t) => t.name)).toEqual(memory.tensors.map((t) => t.name));
      onDisk.tensors.forEach((t, k) => {
        const m = memory.tensors[k] as (typeof memory.tensors)[number];
        expect(t.shape).toEqual(m.shape);
        expect(t.data).toEqual(dtype === 'f32' ? m.data : float32ToBfloat16(m.data as Float32Array));
      });
      expect(result.parameters).toBe(memory.elements);
    }
  });

  it('gives the same bytes for any worker count and chunk size, and the same tensors for any shard size', async () => {
    const base = fresh();
    await materializeToDisk(gpt2, { out: base, seed: 'x', shardSize: 16_000 });
    const reference = files(base);
    expect(Object.keys(reference)).toContain('model.safetensors.index.json');
    for (const options of [{ workers: 2 }, { chunkElements: 7 }, { workers: 1, chunkElements: 100_000 }]) {
      const out = fresh();
      await materializeToDisk(gpt2, { out, seed: 'x', shardSize: 16_000, ...options });
      expect(files(out)).toEqual(reference);
    }
    const one = fresh();
    await materializeToDisk(gpt2, { out: one, seed: 'x' });
    expect(tensorsOf(one)).toEqual(tensorsOf(base));
  });

  it('worker threads write the same bytes as the main thread alone (tensors large enough to be split)', async () => {
    const list = [
      { name: 'big.weight', shape: [700, 500], init: { name: 'he_uniform' } },
      { name: 'big.trunc', shape: [300_001], init: { name: 'normal', std: 0.5 } },
      { name: 'big.orth', shape: [64, 64], init: { name: 'orthogonal' } },
    ];
    const a = fresh();
    const b = fresh();
    await materializeToDisk(list, { out: a, seed: 4, dtype: 'bf16' });
    await materializeToDisk(list, { out: b, seed: 4, dtype: 'bf16', workers: 2, chunkElements: 99_999 });
    expect(files(b)).toEqual(files(a));
  });

  it('bf16 rounded on the worker threads: the same bytes as the main thread alone, any chunk and shard size', async () => {
    const list = [
      { name: 'big.normal', shape: [300_001], init: { name: 'normal', std: 0.02 } },
      { name: 'big.uniform', shape: [700, 500], init: { name: 'he_uniform' } },
      { name: 'big.trunc', shape: [500, 401], init: { name: 'truncated_normal', std: 0.02 } },
      { name: 'big.ones', shape: [140_000], init: { name: 'ones' } },
      { name: 'big.orth', shape: [64, 64], init: { name: 'orthogonal' } },
      { name: 'small.bias', shape: [33], init: { name: 'normal', std: 1 } },
    ];
    const base = fresh();
    await materializeToDisk(list, { out: base, seed: 8, dtype: 'bf16' });
    const reference = files(base);
    for (const options of [
      { workers: 2 },
      { workers: 1, chunkElements: 65_537 },
      { workers: 3, chunkElements: 131_071 },
      { workers: 2, chunkElements: 1 << 21 },
    ]) {
      const out = fresh();
      await materializeToDisk(list, { out, seed: 8, dtype: 'bf16', ...options });
      expect(files(out)).toEqual(reference);
    }
    const sharded = fresh();
    await materializeToDisk(list, { out: sharded, seed: 8, dtype: 'bf16', workers: 2, shardSize: 700_000 });
    expect(readdirSync(sharded).filter((f) => f.endsWith('.safetensors')).length).toBeGreaterThan(1);
    expect(tensorsOf(sharded)).toEqual(tensorsOf(base));
    // And bf16 is float32ToBfloat16 of the f32 file's values.
    const f32 = fresh();
    await materializeToDisk(list, { out: f32, seed: 8, dtype: 'f32', workers: 2 });
    const halves = tensorsOf(sharded);
    for (const [name, bytes] of tensorsOf(f32)) {
      const values = new Float32Array(new Uint8Array(bytes).buffer);
      const half = halves.get(name) as Buffer;
      expect(Buffer.from(float32ToBfloat16(values).buffer).equals(half)).toBe(true);
    }
  });

  it('padding rows: zero in every dtype, path and chunking, every other value as without one', async () => {
    const list = [
      { name: 'embed', shape: [3000, 100], init: { name: 'normal', std: 0.02 }, paddingRow: 1234 },
      { name: 'ones', shape: [40, 7], init: 'ones', paddingRow: 0 },
      { name: 'conv', shape: [16, 8, 3], init: 'he_uniform', paddingRow: 15 },
      { name: 'orth', shape: [64, 64], init: 'orthogonal', paddingRow: 5 },
    ];
    const plain = materialize(
      list.map(({ paddingRow: _, ...rest }) => rest),
      { seed: 6 },
    );
    const memory = materialize(list, { seed: 6 });
    memory.tensors.forEach((t, k) => {
      const width = t.data.length / (t.shape[0] as number);
      const row = (list[k] as { paddingRow: number }).paddingRow;
      const expected = Float32Array.from((plain.tensors[k] as { data: Float32Array }).data);
      expected.fill(0, row * width, (row + 1) * width);
      expect(Buffer.from(t.data.buffer).equals(Buffer.from(expected.buffer)), t.name).toBe(true);
    });
    for (const dtype of ['f32', 'bf16', 'f16', 'f64'] as const) {
      const reference = fresh();
      await materializeToDisk(list, { out: reference, seed: 6, dtype });
      // Chunks of 123,450 elements end inside the embedding's zero row (elements 123,400 .. 123,500).
      for (const options of [
        { workers: 2 },
        { workers: 2, chunkElements: 123_450 },
        { chunkElements: 123_450 },
      ]) {
        const out = fresh();
        await materializeToDisk(list, { out, seed: 6, dtype, ...options });
        expect(files(out), `${dtype} ${JSON.stringify(options)}`).toEqual(files(reference));
      }
      const onDisk = tensorsOf(reference);
      for (const t of dtype === 'f64'
        ? materialize(list, { seed: 6, dtype: 'float64' }).tensors
        : memory.tensors) {
        const bytes = onDisk.get(t.name) as Buffer;
        const data = t.data as Float32Array;
        const want =
          dtype === 'bf16' ? float32ToBfloat16(data) : dtype === 'f16' ? float32ToFloat16(data) : t.data;
        expect(
          bytes.equals(Buffer.from(want.buffer, want.byteOffset, want.byteLength)),
          `${dtype} ${t.name}`,
        ).toBe(true);
      }
    }
  });

  it('files larger than the ring of blocks: the in-memory values, with and without workers, in every dtype', async () => {
    // 9 million values fill more 4 MiB blocks than the ring holds in every dtype (f64: 18 blocks), so every
    // slot is reused while workers generate ahead and earlier blocks are still being written.
    const list = [
      { name: 'huge', shape: [9_000_000], init: { name: 'normal', std: 0.02 } },
      { name: 'tail', shape: [12_345], init: { name: 'uniform', low: -1, high: 1 } },
    ];
    const memory = materialize(list, { seed: 6 });
    for (const dtype of ['f32', 'bf16', 'f64'] as const) {
      for (const workers of [0, 2]) {
        const out = fresh();
        const result = await materializeToDisk(list, { out, seed: 6, dtype, workers });
        expect(result.bytesWritten).toBeGreaterThan(7 * 4 * 1024 * 1024 * (dtype === 'bf16' ? 0.5 : 1));
        const path = join(out, 'model.safetensors');
        const onDisk = decodeSafetensors(new Uint8Array(readFileSync(path)));
        onDisk.tensors.forEach((t, k) => {
          const m = (memory.tensors[k] as (typeof memory.tensors)[number]).data as Float32Array;
          const expected =
            dtype === 'f32'
              ? m
              : dtype === 'bf16'
                ? float32ToBfloat16(m)
                : materialize(list, { seed: 6, dtype: 'float64' }).tensors[k]?.data;
          expect(
            Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).equals(
              Buffer.from((expected as Float32Array).buffer),
            ),
          ).toBe(true);
        });
        const side = JSON.parse(readFileSync(sidecarPath(path), 'utf8')) as { blocks_sha256: string };
        expect(await fileDigest(path)).toBe(side.blocks_sha256);
        rmSync(out, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('f16 with workers: the same bytes as without', async () => {
    const list = [{ name: 'w', shape: [400, 300], init: { name: 'normal', std: 0.5 } }];
    const a = fresh();
    const b = fresh();
    await materializeToDisk(list, { out: a, seed: 2, dtype: 'f16' });
    await materializeToDisk(list, { out: b, seed: 2, dtype: 'f16', workers: 2, chunkElements: 70_000 });
    expect(files(b)).toEqual(files(a));
  });

  it('--shard i/N: the union of N independent runs is byte-identical to one run', async () => {
    const single = fresh();
    const r = await materializeToDisk(gpt2, { out: single, seed: 5, dtype: 'f16', shardSize: 8000 });
    const count = r.files.length;
    expect(count).toBeGreaterThan(2);
    const union = fresh();
    for (let index = count; index >= 1; index--) {
      const part = await materializeToDisk(gpt2, {
        out: union,
        seed: 5,
        dtype: 'f16',
        shardSize: 8000,
        shard: { index, count },
      });
      expect(part.files.map((f) => f.file)).toEqual([r.files[index - 1]?.file]);
    }
    expect(files(union)).toEqual(files(single));
    await expect(
      materializeToDisk(gpt2, {
        out: fresh(),
        seed: 5,
        shardSize: 16_000,
        shard: { index: 1, count: count + 1 },
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'shard',
      message: expect.stringMatching(`use --shard i/${count}`),
    });
  });

  it('a full disk leaves no finished-looking file, says how to resume, and a rerun resumes to the same bytes', async () => {
    const clean = fresh();
    await materializeToDisk(gpt2, { out: clean, seed: 9, shardSize: 16_000 });
    let budget = 30_000; // bytes the disk accepts before ENOSPC: the second shard fails
    // Both ways of opening (direct, which the checkpoint files take, and buffered) see the same full disk.
    const limited = <H extends AtomicFileHandle>(handle: H): H => ({
      ...handle,
      sync: () => handle.sync(),
      close: () => handle.close(),
      truncate: (length: number) => (handle as unknown as AtomicDirectHandle).truncate(length),
      async write(buffer: Uint8Array, offset: number, length: number, position: number) {
        if (budget < length)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        budget -= length;
        return handle.write(buffer, offset, length, position);
      },
    });
    const full: AtomicFileSystem = {
      ...nodeFileSystem,
      open: async (path, flags) => limited(await nodeFileSystem.open(path, flags)),
      openDirect: async (path) =>
        limited(await (nodeFileSystem.openDirect as NonNullable<AtomicFileSystem['openDirect']>)(path)),
    };
    const out = fresh();
    let error: unknown;
    try {
      await materializeToDisk(gpt2, { out, seed: 9, shardSize: 16_000, fs: full });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AdvisorError);
    const e = error as AdvisorError;
    expect(e.argument).toBe('out');
    expect(e.message).toMatch(/ENOSPC/);
    expect(e.message).toMatch(/complete and verified: model-00001-of-0000\d\.safetensors/);
    expect(e.message).toMatch(/Rerun the same command to resume/);
    const left = readdirSync(out);
    expect(left.some((f) => f.endsWith('.partial'))).toBe(false);
    expect(left).not.toContain('model.safetensors.index.json');
    for (const f of left.filter((x) => x.endsWith('.safetensors'))) {
      expect(readFileSync(join(out, f)).toString('base64')).toBe(
        readFileSync(join(clean, f)).toString('base64'),
      );
    }
    const rerun = await materializeToDisk(gpt2, { out, seed: 9, shardSize: 16_000 });
    expect(rerun.files[0]?.status).toBe('skipped');
    expect(rerun.files.slice(1).every((f) => f.status === 'written')).toBe(true);
    expect(files(out)).toEqual(files(clean));
  });

  it('a rerun rewrites a file whose bytes no longer match its digest, and one written with other arguments', async () => {
    const out = fresh();
    await materializeToDisk(gpt2, { out, seed: 1 });
    const path = join(out, 'model.safetensors');
    const good = readFileSync(path);
    const bad = Buffer.from(good);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    writeFileSync(path, bad);
    expect((await materializeToDisk(gpt2, { out, seed: 1 })).files[0]?.status).toBe('written');
    expect(readFileSync(path).equals(good)).toBe(true);
    expect((await materializeToDisk(gpt2, { out, seed: 1 })).files[0]?.status).toBe('skipped');
    expect((await materializeToDisk(gpt2, { out, seed: 2 })).files[0]?.status).toBe('written');
  });

  it('stops on an abort signal without leaving a partial file', async () => {
    const out = fresh();
    const controller = new AbortController();
    controller.abort();
    await expect(materializeToDisk(gpt2, { out, signal: controller.signal })).rejects.toMatchObject({
      argument: 'out',
      message: expect.stringMatching(/interrupted/),
    });
    expect(readdirSync(out)).toEqual([]);
  });

  it('rejects bad options naming them', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'out'],
      [{ out: fresh(), dtype: 'int8' }, 'dtype'],
      [{ out: fresh(), workers: -1 }, 'workers'],
      [{ out: fresh(), shardSize: 0 }, 'shardSize'],
      [{ out: fresh(), shard: { index: 0, count: 1 } }, 'shard'],
      [{ out: fresh(), chunkElements: 0 }, 'chunkElements'],
      [{ out: fresh(), worker: 2 }, 'options.worker'],
      [{ out: fresh(), shardsize: 2 }, 'options.shardsize'],
    ];
    for (const [options, argument] of cases) {
      await expect(materializeToDisk(gpt2, options as never)).rejects.toMatchObject({
        name: 'AdvisorError',
        argument,
      });
    }
  });

  it('plans GPT-2 124M in 3 files at 200 MB; the sidecar digest is the file digest (TSDoc examples)', async () => {
    const big = modelParameters({
      n_layer: 12,
      n_head: 12,
      n_embd: 768,
      vocab_size: 50257,
      n_positions: 1024,
    });
    expect(planModelCheckpoint(big, 0, 'f32', 2e8).files.length).toBe(3);
    expect(sidecarPath('ckpt/model.safetensors')).toBe('ckpt/model.safetensors.sha256.json');
    const out = fresh();
    await materializeToDisk(gpt2, { out });
    const file = join(out, 'model.safetensors');
    const side = JSON.parse(readFileSync(sidecarPath(file), 'utf8'));
    expect(await fileDigest(file)).toBe(side.blocks_sha256);
    expect(side.size).toBe(readFileSync(file).length);
    const meta = decodeSafetensors(new Uint8Array(readFileSync(file))).metadata;
    expect(meta['init.seed']).toBe('0');
    expect(JSON.parse(meta['init.schemes'] as string)['transformer.wte.weight']).toEqual({
      name: 'normal',
      std: 0.02,
    });
  });
});
