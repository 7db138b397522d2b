import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@init/rng';
import { chunkGenerator, encodeNpy, encodeSafetensors, fillChunk, InitError } from '@init/schemes';
import {
  type AtomicFileSystem,
  createParallelChunkFiller,
  nodeFileSystem,
  openAtomicFile,
  openNpyFile,
  openSafetensorsFile,
  writeNpyFile,
  writeSafetensorsFile,
} from '@init/schemes/node';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { FLUSH_EVERY_BYTES } from './atomic-file';

const dir = mkdtempSync(join(tmpdir(), 'init-schemes-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openAtomicFile', () => {
  it('writes under <path>.partial and renames on commit', async () => {
    const path = join(dir, 'a.bin');
    const file = await openAtomicFile(path);
    await file.write(new Uint8Array([1, 2, 3]));
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(true);
    await file.commit();
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(existsSync(`${path}.partial`)).toBe(false);
    expect(file.written).toBe(3);
  });

  it('a failing write (a full disk) leaves neither the file nor its temporary name', async () => {
    const full: AtomicFileSystem = {
      ...nodeFileSystem,
      async open(path, flags) {
        const handle = await nodeFileSystem.open(path, flags);
        let budget = 5;
        return {
          sync: () => handle.sync(),
          close: () => handle.close(),
          async write(buffer, offset, length, position) {
            if (budget <= 0)
              throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            const n = Math.min(length, budget);
            budget -= n;
            return handle.write(buffer, offset, n, position);
          },
        };
      },
    };
    const path = join(dir, 'full.bin');
    const file = await openAtomicFile(path, full);
    await expect(file.write(new Uint8Array(10))).rejects.toThrow(/ENOSPC/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('flushes in the background every FLUSH_EVERY_BYTES; a failed flush fails the next call and leaves no file', async () => {
    let syncs = 0;
    const failingSync: AtomicFileSystem = {
      ...nodeFileSystem,
      async open(path, flags) {
        const handle = await nodeFileSystem.open(path, flags);
        return {
          close: () => handle.close(),
          write: (buffer, offset, length, position) => handle.write(buffer, offset, length, position),
          async sync() {
            syncs++;
            throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
          },
        };
      },
    };
    const path = join(dir, 'flush.bin');
    const file = await openAtomicFile(path, failingSync);
    const block = new Uint8Array(FLUSH_EVERY_BYTES / 4);
    for (let i = 0; i < 3; i++) await file.write(block);
    expect(syncs).toBe(0);
    await file.write(block); // crosses FLUSH_EVERY_BYTES: a background fsync starts (and fails)
    expect(syncs).toBe(1);
    await expect(file.commit()).rejects.toThrow(/EIO/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });
});

describe('file readers', () => {
  const tensors = [
    { name: 'w', shape: [3, 4], data: new Float32Array(12).map((_, i) => i - 5.5) },
    { name: 'h', shape: [5], dtype: 'BF16' as const, data: new Uint16Array([1, 2, 3, 4, 5]) },
  ];
  const path = join(dir, 'm.safetensors');
  writeFileSync(path, encodeSafetensors(tensors));

  it('reads safetensors tensors by ranges', async () => {
    const file = await openSafetensorsFile(path);
    expect(file.header.tensors.map((t) => t.name)).toEqual(['w', 'h']);
    expect(await file.read('w')).toEqual(tensors[0]?.data);
    expect(await file.read('w', 4, 3)).toEqual(tensors[0]?.data.subarray(4, 7));
    expect(await file.read('h', 1, 2)).toEqual(new Uint16Array([2, 3]));
    await expect(file.read('w', 10, 3)).rejects.toThrow(InitError);
    await expect(file.read('nope')).rejects.toThrow(InitError);
    await file.close();
  });

  it('reads .npy by ranges, versions 1 and 2', async () => {
    for (const version of [1, 2] as const) {
      const p = join(dir, `x${version}.npy`);
      const data = new Float64Array([1, 2, 3, 4, 5, 6]);
      writeFileSync(p, encodeNpy({ data, shape: [2, 3] }, { version }));
      const file = await openNpyFile(p);
      expect(file.header.shape).toEqual([2, 3]);
      expect(await file.read(2, 3)).toEqual(new Float64Array([3, 4, 5]));
      await file.close();
    }
  });

  it('rejects every corrupt fixture with InitError, reading only headers', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../test/fixtures/weights-files.json', import.meta.url), 'utf8'),
    ) as { cases: { file: string; code: string | null }[] };
    for (const c of manifest.cases) {
      const p = new URL(`../test/fixtures/weights/${c.file}`, import.meta.url).pathname;
      const run = c.file.endsWith('.npy') ? openNpyFile(p) : openSafetensorsFile(p);
      if (c.code === null) await (await run).close();
      else await expect(run, c.file).rejects.toMatchObject({ name: 'InitError', code: c.code });
    }
    await expect(openSafetensorsFile(join(dir, 'missing'))).rejects.toMatchObject({ argument: 'path' });
  });
});

describe('file writers', () => {
  it('stream tensors chunk by chunk into files identical to the in-memory encoders', async () => {
    const w = new Float32Array(10).map((_, i) => i / 3);
    const h = new Uint16Array([1, 2, 3]);
    const p = join(dir, 'stream.safetensors');
    async function* parts() {
      yield w.subarray(0, 4);
      yield w.subarray(4);
    }
    const size = await writeSafetensorsFile(
      p,
      [
        { name: 'w', dtype: 'F32', shape: [2, 5], chunks: parts() },
        { name: 'h', dtype: 'BF16', shape: [3], chunks: [h] },
      ],
      { metadata: { format: 'pt' } },
    );
    const expected = encodeSafetensors(
      [
        { name: 'w', shape: [2, 5], data: w },
        { name: 'h', shape: [3], dtype: 'BF16', data: h },
      ],
      { metadata: { format: 'pt' } },
    );
    expect(size).toBe(expected.length);
    expect(new Uint8Array(readFileSync(p))).toEqual(expected);
    const q = join(dir, 'stream.npy');
    expect(await writeNpyFile(q, [2, 5], 'float32', [w.subarray(0, 3), w.subarray(3)])).toBe(128 + 40);
    expect(new Uint8Array(readFileSync(q))).toEqual(encodeNpy({ data: w, shape: [2, 5] }));
  });

  it('a chunk count that does not fill the shape is SHAPE_MISMATCH and leaves no file', async () => {
    const p = join(dir, 'short.safetensors');
    await expect(
      writeSafetensorsFile(p, [{ name: 'w', dtype: 'F32', shape: [4], chunks: [new Float32Array(3)] }]),
    ).rejects.toMatchObject({ code: 'SHAPE_MISMATCH', argument: 'tensors[0].chunks' });
    expect(existsSync(p) || existsSync(`${p}.partial`)).toBe(false);
    await expect(
      writeNpyFile(join(dir, 'long.npy'), [1], 'float32', [new Float32Array(2)]),
    ).rejects.toMatchObject({
      code: 'SHAPE_MISMATCH',
    });
  });
});

describe('createParallelChunkFiller', () => {
  it('fills the same bits as fillChunk, whatever the thread count', async () => {
    const gen = chunkGenerator({ name: 'normal', std: 0.02 }, [1 << 20], createRng(9).fork('w'));
    const expected = fillChunk(gen.plan, createRng(9).fork('w'), new Float32Array(300_001), 12_345);
    for (const [threads, callerShare] of [
      [1, true],
      [2, true],
      [3, true],
      [2, false],
      [3, false],
    ] as const) {
      const filler = createParallelChunkFiller({ threads, callerShare });
      const out = new Float32Array(new SharedArrayBuffer(300_001 * 4));
      await filler.fill(gen.plan, createRng(9).fork('w'), out, 12_345);
      expect(out).toEqual(expected);
      await filler.close();
    }
    expect(() => createParallelChunkFiller({ threads: 0 })).toThrow(InitError);
    expect(() => createParallelChunkFiller({ callerShare: 'no' } as never)).toThrow(
      expect.objectContaining({ argument: 'callerShare' }),
    );
    expect(() => createParallelChunkFiller({ thread: 2 } as never)).toThrowError(/unknown option/);
  });
});

describe('createParallelChunkFiller under hostile options', () => {
  it('returns a filler or throws InitError naming the option, never another error', async () => {
    const hostile = fc.oneof(
      fc.anything({ withBigInt: true, withNullPrototype: true, maxDepth: 1 }),
      fc.record(
        { threads: fc.anything({ withBigInt: true }), callerShare: fc.anything({ withBigInt: true }) },
        { requiredKeys: [] },
      ),
    );
    const fillers: { close(): Promise<void> }[] = [];
    fc.assert(
      fc.property(hostile, (options) => {
        const share = (options as { callerShare?: unknown } | null)?.callerShare;
        const badShare = share !== undefined && typeof share !== 'boolean';
        try {
          fillers.push(createParallelChunkFiller(options as never));
          expect(badShare).toBe(false); // a callerShare that is not a boolean is never accepted
        } catch (e) {
          expect(e).toBeInstanceOf(InitError);
          expect(typeof (e as InitError).argument).toBe('string');
        }
      }),
      { numRuns: 300, seed: 7 },
    );
    await Promise.all(fillers.map((f) => f.close()));
  });
});

describe('the node entry', () => {
  it('imports the main entry by name, never a relative copy of its modules', () => {
    const nodeOnly = [
      'node.ts',
      'atomic-file.ts',
      'direct-writes.ts',
      'node-options.ts',
      'parallel-chunks.ts',
      'weights-file-readers.ts',
      'weights-file-writers.ts',
    ];
    for (const file of nodeOnly) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
        expect(nodeOnly, `${file} imports ${m[1]}`).toContain(`${(m[1] as string).slice(2)}.ts`);
      }
    }
  });
});
