import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InitError } from '@init/schemes';
import {
  type AtomicDirectHandle,
  type AtomicFileSystem,
  alignedBytes,
  nodeFileSystem,
  openAtomicFile,
} from '@init/schemes/node';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DIRECT_ALIGN, DIRECT_STAGING_BYTES } from './direct-writes';

const dir = mkdtempSync(join(tmpdir(), 'init-schemes-direct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes 0, 1, 2 ... mod 251 (a period that is no power of two, so a misplaced span shows). */
function pattern(n: number, into: Uint8Array = new Uint8Array(n)): Uint8Array {
  for (let i = 0; i < n; i++) into[i] = i % 251;
  return into;
}

interface Recorded {
  direct: { offset: number; length: number; position: number; aligned: boolean }[];
  truncated: number[];
}

/**
 * Node's file system with its direct handles watched: every direct write is recorded with whether it came
 * from memory of `alignedBytes` (by identity of the buffer), and the handle refuses, as the kernel does, a
 * length or position off the alignment.
 */
function watched(recorded: Recorded, alignedBuffers: Set<ArrayBufferLike>): AtomicFileSystem {
  const openDirect = nodeFileSystem.openDirect as NonNullable<AtomicFileSystem['openDirect']>;
  return {
    ...nodeFileSystem,
    async openDirect(path) {
      const handle = await openDirect(path);
      const wrapped: AtomicDirectHandle = {
        sync: () => handle.sync(),
        close: () => handle.close(),
        async truncate(length) {
          recorded.truncated.push(length);
          await handle.truncate(length);
        },
        async write(buffer, offset, length, position) {
          if (length % DIRECT_ALIGN !== 0 || position % DIRECT_ALIGN !== 0)
            throw Object.assign(new Error('EINVAL: invalid argument, write'), { code: 'EINVAL' });
          recorded.direct.push({ offset, length, position, aligned: alignedBuffers.has(buffer.buffer) });
          return handle.write(buffer, offset, length, position);
        },
      };
      return wrapped;
    },
  };
}

/** Node's file system whose direct handles write through `write` (given the real handle) instead. */
function directWrites(
  write: (
    h: AtomicDirectHandle,
    ...a: Parameters<AtomicDirectHandle['write']>
  ) => ReturnType<AtomicDirectHandle['write']>,
): AtomicFileSystem {
  const openDirect = nodeFileSystem.openDirect as NonNullable<AtomicFileSystem['openDirect']>;
  return {
    ...nodeFileSystem,
    async openDirect(path) {
      const handle = await openDirect(path);
      return {
        close: () => handle.close(),
        sync: () => handle.sync(),
        truncate: (n: number) => handle.truncate(n),
        write: (buffer, offset, length, position) => write(handle, buffer, offset, length, position),
      };
    },
  };
}

describe('openAtomicFile with direct writes', () => {
  it('writes the same bytes as buffered writes, in aligned writes, and truncates to the length', async () => {
    // Writes of odd lengths, one that crosses the staging buffer, and aligned memory in and out of step.
    const aligned = alignedBytes(3 * DIRECT_STAGING_BYTES);
    pattern(aligned.length, aligned);
    const pieces = [
      pattern(5),
      pattern(DIRECT_STAGING_BYTES + 7),
      aligned.subarray(0, 2 * DIRECT_STAGING_BYTES),
      pattern(3),
      aligned.subarray(DIRECT_ALIGN, DIRECT_ALIGN + 10_000),
    ];
    const recorded: Recorded = { direct: [], truncated: [] };
    const path = join(dir, 'direct.bin');
    const file = await openAtomicFile(path, watched(recorded, new Set([aligned.buffer])), { direct: true });
    for (const p of pieces) await file.write(p);
    await file.commit();
    const expected = Buffer.concat(pieces.map((p) => Buffer.from(p)));
    const got = readFileSync(path);
    expect(got.length).toBe(expected.length);
    expect(got.equals(expected)).toBe(true);
    expect(existsSync(`${path}.partial`)).toBe(false);
    // Probe, staging buffers and the padded tail: every write aligned; the file cut to its length.
    expect(recorded.direct.length).toBeGreaterThan(2);
    expect(recorded.truncated).toEqual([expected.length]);
  });

  it('writes aligned memory straight from it when nothing is staged, never through the staging buffer', async () => {
    const block = alignedBytes(2 * DIRECT_STAGING_BYTES + 100, { shared: true });
    pattern(block.length, block);
    const recorded: Recorded = { direct: [], truncated: [] };
    const path = join(dir, 'straight.bin');
    const file = await openAtomicFile(path, watched(recorded, new Set([block.buffer])), { direct: true });
    await file.write(block);
    await file.commit();
    expect(readFileSync(path).equals(Buffer.from(block))).toBe(true);
    // The probe (staging), then the aligned span from the block itself, then the staged 100-byte tail.
    expect(recorded.direct.map((w) => [w.aligned, w.length])).toEqual([
      [false, DIRECT_ALIGN],
      [true, 2 * DIRECT_STAGING_BYTES],
      [false, DIRECT_ALIGN],
    ]);
  });

  it('falls back to buffered writes when the direct open or its probe write fails', async () => {
    const refusingOpen: AtomicFileSystem = {
      ...nodeFileSystem,
      openDirect: async () => {
        throw Object.assign(new Error('EINVAL: invalid argument, open'), { code: 'EINVAL' });
      },
    };
    const refusingWrite = directWrites(async () => {
      throw Object.assign(new Error('EINVAL: invalid argument, write'), { code: 'EINVAL' });
    });
    for (const [name, fs] of [
      ['open', refusingOpen],
      ['write', refusingWrite],
    ] as const) {
      const path = join(dir, `fallback-${name}.bin`);
      const file = await openAtomicFile(path, fs, { direct: true });
      await file.write(pattern(10_000));
      await file.commit();
      expect(readFileSync(path).equals(Buffer.from(pattern(10_000)))).toBe(true);
    }
  });

  it('a failing direct write (a full disk) leaves neither the file nor its temporary name', async () => {
    let budget = DIRECT_ALIGN; // the probe passes, the first staged write does not
    const full = directWrites(async (handle, buffer, offset, length, position) => {
      if (budget < length)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      budget -= length;
      return handle.write(buffer, offset, length, position);
    });
    const path = join(dir, 'full-direct.bin');
    const file = await openAtomicFile(path, full, { direct: true });
    await expect(file.write(pattern(DIRECT_STAGING_BYTES))).rejects.toThrow(/ENOSPC/);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('an empty direct file commits to zero bytes', async () => {
    const path = join(dir, 'empty.bin');
    const file = await openAtomicFile(path, undefined, { direct: true });
    await file.commit();
    expect(readFileSync(path).length).toBe(0);
  });
});

describe('alignedBytes and openAtomicFile options under hostile input', () => {
  it('alignedBytes gives zeroed bytes of the length asked, shared on request', () => {
    const a = alignedBytes(100_000);
    expect(a.length).toBe(100_000);
    expect(a.every((b) => b === 0)).toBe(true);
    expect(a.buffer instanceof SharedArrayBuffer).toBe(false);
    expect(alignedBytes(1, { shared: true }).buffer instanceof SharedArrayBuffer).toBe(true);
  });

  it('alignedBytes returns bytes or throws InitError naming the argument, never another error', () => {
    const hostile = fc.tuple(
      fc.oneof(
        fc.anything({ withBigInt: true }),
        fc.integer({ min: -5, max: 1 << 20 }),
        fc.constantFrom(0, 2 ** 30 + 1, Number.NaN, Number.POSITIVE_INFINITY, 1.5),
      ),
      fc.oneof(
        fc.constant(undefined),
        fc.anything({ withBigInt: true, maxDepth: 1 }),
        fc.record({ shared: fc.anything() }, { requiredKeys: [] }),
      ),
    );
    fc.assert(
      fc.property(hostile, ([bytes, options]) => {
        try {
          const out = alignedBytes(bytes as number, options as never);
          expect(out.length).toBe(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(InitError);
          expect(['bytes', 'options', 'shared']).toContain((e as InitError).argument);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('openAtomicFile opens or throws InitError naming the option for any options value, and leaves no file', async () => {
    const hostile = fc.oneof(
      fc.anything({ withBigInt: true, maxDepth: 1 }),
      fc.record({ direct: fc.anything({ withBigInt: true }) }, { requiredKeys: [] }),
    );
    let k = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (options) => {
        const path = join(dir, `fuzz-${k++}.bin`);
        try {
          const file = await openAtomicFile(path, undefined, options as never);
          await file.write(pattern(5000));
          await file.abort();
        } catch (e) {
          expect(e).toBeInstanceOf(InitError);
          expect(['options', 'direct']).toContain((e as InitError).argument);
        }
        expect(existsSync(`${path}.partial`)).toBe(false);
        expect(existsSync(path)).toBe(false);
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it('openAtomicFile rejects unknown option keys and a direct that is not a boolean, naming them', async () => {
    const path = join(dir, 'options.bin');
    await expect(openAtomicFile(path, undefined, { drect: true } as never)).rejects.toMatchObject({
      argument: 'options',
      message: expect.stringMatching(/unknown option 'drect'/),
    });
    await expect(openAtomicFile(path, undefined, { direct: 'yes' } as never)).rejects.toMatchObject({
      argument: 'direct',
    });
    await expect(openAtomicFile(path, undefined, null as never)).rejects.toBeInstanceOf(InitError);
    expect(existsSync(`${path}.partial`)).toBe(false);
  });
});
