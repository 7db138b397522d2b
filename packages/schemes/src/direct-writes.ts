import { InitError } from '@init/schemes';
import type { AtomicDirectHandle, AtomicFile } from './atomic-file';
import { checkNodeOptions } from './node-options';

/**
 * Alignment of direct (O_DIRECT) writes: buffer address, length and file position. 4096 covers devices with
 * 512-byte and 4096-byte logical blocks.
 */
export const DIRECT_ALIGN = 4096;

/** Bytes staged before a direct write (4 MiB: one write per block of the checkpoint writer). */
export const DIRECT_STAGING_BYTES = 4 * 1024 * 1024;

const WASM_PAGE = 65536;

/** The part of the global `WebAssembly` object used here (not declared by the ES2022 lib). */
interface WasmMemoryApi {
  Memory: new (descriptor: {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }) => { readonly buffer: ArrayBuffer | SharedArrayBuffer };
}
/** Largest {@link alignedBytes} request: 1 GiB. */
const MAX_ALIGNED_BYTES = 2 ** 30;

/** Buffers made by {@link alignedBytes}: direct writes go straight from their aligned spans. */
const ALIGNED = new WeakSet<ArrayBufferLike>();

/**
 * Page-aligned bytes for direct writes: an {@link AtomicFile} opened with `{ direct: true }` writes the
 * 4096-byte-aligned spans of these bytes straight to the device, with no copy. Other bytes are copied through
 * its staging buffer first. The memory is a WebAssembly memory (mapped whole pages at a time, so its buffer
 * starts on a page boundary), zero-filled; `shared: true` makes it a `SharedArrayBuffer` that worker threads
 * can fill.
 *
 * Formula: `new Uint8Array(new WebAssembly.Memory({ initial: ceil(bytes / 65536), shared }).buffer, 0, bytes)`.
 *
 * @param bytes - the length, an integer in [1, 2^30]
 * @param options - `shared` (default false)
 * @returns zero-filled bytes whose first byte is page-aligned
 * @throws {InitError} `INVALID_ARGUMENT` (argument `bytes`, `options` or `shared`) for a bad length or option;
 *   `TOO_LARGE` (argument `bytes`) when the memory cannot be had
 * @example
 * ```js
 * const block = alignedBytes(4 * 1024 * 1024, { shared: true });
 * block.buffer instanceof SharedArrayBuffer; // => true
 * ```
 */
export function alignedBytes(bytes: number, options?: { shared?: boolean }): Uint8Array {
  if (!Number.isSafeInteger(bytes) || bytes < 1 || bytes > MAX_ALIGNED_BYTES) {
    throw new InitError('INVALID_ARGUMENT', 'bytes', `must be an integer in [1, 2^30], got ${String(bytes)}`);
  }
  const shared = checkNodeOptions(options, ['shared'], ['shared'], '{ shared: true }').shared === true;
  const pages = Math.ceil(bytes / WASM_PAGE);
  const { Memory } = (globalThis as unknown as { WebAssembly: WasmMemoryApi }).WebAssembly;
  let memory: InstanceType<WasmMemoryApi['Memory']>;
  try {
    memory = new Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages });
  } catch (e) {
    throw Object.assign(new InitError('TOO_LARGE', 'bytes', `cannot allocate ${bytes} bytes`), { cause: e });
  }
  const buffer = memory.buffer;
  ALIGNED.add(buffer);
  return new Uint8Array(buffer, 0, bytes);
}

/** True when `bytes` starts on an aligned address of memory from {@link alignedBytes}. */
function startsAligned(bytes: Uint8Array): boolean {
  return ALIGNED.has(bytes.buffer) && bytes.byteOffset % DIRECT_ALIGN === 0;
}

/** `n` rounded up to a multiple of {@link DIRECT_ALIGN}. */
function alignUp(n: number): number {
  return Math.ceil(n / DIRECT_ALIGN) * DIRECT_ALIGN;
}

/**
 * Appends bytes to a file opened for direct I/O (the engine of {@link AtomicFile}'s `direct` option), which bypasses the page cache: the kernel does not copy the
 * data, and a checkpoint of many GB does not evict everything else from memory.
 *
 * Direct writes need aligned memory, lengths and positions. The aligned spans of {@link alignedBytes} memory
 * are written as they are; other bytes are staged in a page-aligned buffer of {@link DIRECT_STAGING_BYTES} and
 * written a whole buffer at a time. {@link DirectAppender.finish} writes the
 * staged tail padded with zeros to the alignment, then truncates the file to the bytes appended.
 * Memory: one staging buffer.
 */
export class DirectAppender {
  private readonly staging = alignedBytes(DIRECT_STAGING_BYTES);
  private staged = 0;
  /** File position of `staging[0]`: the bytes before it are written. */
  private position = 0;

  constructor(private readonly handle: AtomicDirectHandle) {}

  /**
   * Writes one aligned block of zeros at position 0 (later overwritten by the data), so that a file system or
   * buffer that refuses direct writes is found before any data is staged; rejects with the file system's error.
   */
  async probe(): Promise<void> {
    await this.writeAll(this.staging, DIRECT_ALIGN);
  }

  /**
   * Appends `bytes`: with nothing staged, the aligned span of aligned memory is written straight away;
   * the rest is staged, and a whole staging buffer is written as soon as it is full.
   */
  async append(bytes: Uint8Array): Promise<void> {
    let done = 0;
    if (this.staged === 0 && startsAligned(bytes)) {
      done = Math.floor(bytes.length / DIRECT_ALIGN) * DIRECT_ALIGN;
      if (done > 0) await this.writeAll(bytes, done);
      this.position += done;
    }
    while (done < bytes.length) {
      const n = Math.min(bytes.length - done, DIRECT_STAGING_BYTES - this.staged);
      this.staging.set(bytes.subarray(done, done + n), this.staged);
      this.staged += n;
      done += n;
      if (this.staged === DIRECT_STAGING_BYTES) {
        await this.writeAll(this.staging, DIRECT_STAGING_BYTES);
        this.position += DIRECT_STAGING_BYTES;
        this.staged = 0;
      }
    }
  }

  /** Writes what is staged (padded with zeros to the alignment) and truncates the file to `appended` bytes. */
  async finish(appended: number): Promise<void> {
    if (this.staged > 0) {
      const padded = alignUp(this.staged);
      this.staging.fill(0, this.staged, padded);
      await this.writeAll(this.staging, padded);
    }
    await this.handle.truncate(appended);
  }

  /** Writes `bytes[0 .. length)` at `position`, continuing after short writes. */
  private async writeAll(bytes: Uint8Array, length: number): Promise<void> {
    for (let done = 0; done < length; ) {
      const { bytesWritten } = await this.handle.write(bytes, done, length - done, this.position + done);
      if (bytesWritten <= 0) throw new Error(`write returned ${bytesWritten} bytes`);
      done += bytesWritten;
    }
  }
}
