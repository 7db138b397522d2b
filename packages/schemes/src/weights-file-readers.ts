import { type FileHandle, open } from 'node:fs/promises';
import {
  InitError,
  MAX_HEADER_BYTES,
  type NpyHeader,
  parseNpyHeader,
  parseSafetensorsHeader,
  SAFETENSORS_ITEM_SIZE,
  type SafetensorsHeader,
  type SafetensorsTensorInfo,
  safetensorsHeaderLength,
} from '@init/schemes';

/** Typed values read from a file: F32 → Float32Array, F64 → Float64Array, BF16/F16 → Uint16Array bit patterns. */
export type FileValues = Float32Array | Float64Array | Uint16Array;

/** A `.safetensors` file opened for reading by ranges; only its header is held in memory. */
export interface SafetensorsFile {
  readonly path: string;
  /** File size in bytes. */
  readonly size: number;
  /** The checked header. */
  readonly header: SafetensorsHeader;
  /**
   * Reads elements [start, start + count) of a tensor (default: the whole tensor; ask for ranges on big ones).
   * @throws {InitError} `INVALID_ARGUMENT` (argument `name`) for an unknown tensor, (argument `start`) for a
   *   range outside it
   */
  read(name: string, start?: number, count?: number): Promise<FileValues>;
  /** Closes the file handle. */
  close(): Promise<void>;
}

/** A `.npy` file opened for reading by ranges. */
export interface NpyFile {
  readonly path: string;
  readonly size: number;
  readonly header: NpyHeader;
  /** Reads elements [start, start + count) in C order (default: all). */
  read(start?: number, count?: number): Promise<Float32Array | Float64Array>;
  /** Closes the file; `read` must not be called afterwards. */
  close(): Promise<void>;
}

async function openForReading(path: string): Promise<{ handle: FileHandle; size: number }> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new InitError('INVALID_ARGUMENT', 'path', 'must be a non-empty string');
  }
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'path',
      `cannot open ${JSON.stringify(path.slice(0, 200))}: ${(e as Error).message}`,
    );
  }
  const stat = await handle.stat();
  if (!stat.isFile()) {
    await handle.close();
    throw new InitError(
      'INVALID_ARGUMENT',
      'path',
      `${JSON.stringify(path.slice(0, 200))} is not a regular file`,
    );
  }
  return { handle, size: stat.size };
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, length - done, position + done);
    if (bytesRead === 0)
      throw new InitError(
        'INVALID_ARGUMENT',
        'bytes',
        'the file ended early (was it truncated while being read?)',
      );
    done += bytesRead;
  }
  return out;
}

function checkRange(start: unknown, count: unknown, length: number): [number, number] {
  const s = start === undefined ? 0 : start;
  const c = count === undefined ? length - (s as number) : count;
  if (
    !Number.isSafeInteger(s) ||
    !Number.isSafeInteger(c) ||
    (s as number) < 0 ||
    (c as number) < 0 ||
    (s as number) + (c as number) > length
  ) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'start',
      `the range [${String(s)}, +${String(c)}) does not lie in [0, ${length})`,
    );
  }
  return [s as number, c as number];
}

function typed(dtype: SafetensorsTensorInfo['dtype'] | 'float32' | 'float64', bytes: Uint8Array): FileValues {
  if (dtype === 'F32' || dtype === 'float32') return new Float32Array(bytes.buffer, 0, bytes.length / 4);
  if (dtype === 'F64' || dtype === 'float64') return new Float64Array(bytes.buffer, 0, bytes.length / 8);
  return new Uint16Array(bytes.buffer, 0, bytes.length / 2);
}

/**
 * Opens a `.safetensors` file and checks its header, reading only the header (at most 100 MB, checked before
 * it is read); tensor data is read later, by ranges.
 *
 * @param path - the file
 * @returns a {@link SafetensorsFile}; call `close()` when done
 * @throws {InitError} `INVALID_ARGUMENT` (argument `path`) when the file cannot be opened; every check of
 *   `parseSafetensorsHeader` (the data size is the file size minus the header)
 * @example
 * ```js
 * const file = await openSafetensorsFile('model.safetensors');
 * const row = await file.read('transformer.wte.weight', 0, 768); // the first 768 values only
 * await file.close();
 * ```
 */
export async function openSafetensorsFile(path: string): Promise<SafetensorsFile> {
  const { handle, size } = await openForReading(path);
  try {
    const first = await readAt(handle, 0, Math.min(8, size));
    const n = safetensorsHeaderLength(first, size);
    const header = parseSafetensorsHeader(await readAt(handle, 8, n), size - 8 - n);
    const byName = new Map(header.tensors.map((t) => [t.name, t]));
    return {
      path,
      size,
      header,
      async read(name, start, count) {
        const info = byName.get(name);
        if (info === undefined)
          throw new InitError(
            'INVALID_ARGUMENT',
            'name',
            `no tensor ${JSON.stringify(String(name).slice(0, 80))} in the file`,
          );
        const item = SAFETENSORS_ITEM_SIZE[info.dtype];
        const [s, c] = checkRange(start, count, (info.dataOffsets[1] - info.dataOffsets[0]) / item);
        return typed(
          info.dtype,
          await readAt(handle, header.dataStart + info.dataOffsets[0] + s * item, c * item),
        );
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

/**
 * Opens a `.npy` file (versions 1.0 and 2.0, `<f4`/`<f8`, C order) and checks its header; data is read by ranges.
 *
 * @param path - the file
 * @returns an {@link NpyFile}; call `close()` when done
 * @throws {InitError} `INVALID_ARGUMENT` (argument `path`) when it cannot be opened; every check of `parseNpyHeader`
 * @example
 * ```js
 * const file = await openNpyFile('w.npy');
 * file.header.shape; // e.g. [768, 3072]
 * await file.close();
 * ```
 */
export async function openNpyFile(path: string): Promise<NpyFile> {
  const { handle, size } = await openForReading(path);
  try {
    const first = await readAt(handle, 0, Math.min(12, size));
    let need = Math.min(size, 12);
    if (first.length >= 10 && first[6] === 1) need = 10 + new DataView(first.buffer).getUint16(8, true);
    else if (first.length >= 12 && first[6] === 2) need = 12 + new DataView(first.buffer).getUint32(8, true);
    // An unparseable or oversized header is reported by parseNpyHeader from the first bytes alone.
    const prefix = need <= size && need - 12 <= MAX_HEADER_BYTES ? await readAt(handle, 0, need) : first;
    const header = parseNpyHeader(prefix, size);
    const item = header.dtype === 'float32' ? 4 : 8;
    return {
      path,
      size,
      header,
      async read(start, count) {
        const [s, c] = checkRange(start, count, header.dataBytes / item);
        return typed(header.dtype, await readAt(handle, header.dataOffset + s * item, c * item)) as
          | Float32Array
          | Float64Array;
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
