import {
  buildSafetensorsHeader,
  type Dtype,
  InitError,
  npyHeader,
  type SafetensorsEntry,
} from '@init/schemes';
import { type AtomicFileSystem, nodeFileSystem, openAtomicFile } from './atomic-file';

/** Chunks of one tensor's data, in order: typed arrays of its dtype (Uint16Array bit patterns for BF16/F16). */
export type DataChunks = Iterable<ArrayBufferView> | AsyncIterable<ArrayBufferView>;

/** A tensor to stream into a `.safetensors` file. */
export interface SafetensorsFileTensor extends SafetensorsEntry {
  /** The data, chunk by chunk; their byte lengths must add up to numel(shape) × item size. */
  chunks: DataChunks;
}

function bytesOf(chunk: ArrayBufferView, argument: string): Uint8Array {
  if (!ArrayBuffer.isView(chunk))
    throw new InitError('INVALID_ARGUMENT', argument, 'chunks must be typed arrays');
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function writeChunks(
  file: Awaited<ReturnType<typeof openAtomicFile>>,
  chunks: DataChunks,
  expected: number,
  argument: string,
): Promise<void> {
  let got = 0;
  for await (const chunk of chunks as AsyncIterable<ArrayBufferView>) {
    const b = bytesOf(chunk, argument);
    got += b.length;
    if (got > expected)
      throw new InitError(
        'SHAPE_MISMATCH',
        argument,
        `the chunks hold more than the ${expected} bytes the shape needs`,
      );
    await file.write(b);
  }
  if (got !== expected)
    throw new InitError(
      'SHAPE_MISMATCH',
      argument,
      `the chunks hold ${got} bytes, the shape needs ${expected}`,
    );
}

/**
 * Streams tensors into a `.safetensors` file: the header from names, dtypes and shapes, then each tensor's chunks
 * in order, written under `<path>.partial` and renamed when complete (memory: one chunk at a time).
 *
 * Formula: the layout of `buildSafetensorsHeader` (data back to back in the given order, 8-byte aligned start).
 *
 * @param path - the final path
 * @param tensors - `{ name, dtype, shape, chunks }` per tensor, in file order
 * @param options - `metadata` (`__metadata__` strings), `fs` (default Node's)
 * @returns the file size in bytes
 * @throws {InitError} as `buildSafetensorsHeader`; `SHAPE_MISMATCH` (argument `tensors[k].chunks`) when the chunks do
 *   not hold exactly numel × item size bytes; file system errors after the temporary file is removed
 * @example
 * ```js
 * await writeSafetensorsFile('w.safetensors', [{ name: 'w', dtype: 'F32', shape: [2], chunks: [new Float32Array([1, 2])] }]);
 * // => 72
 * ```
 */
export async function writeSafetensorsFile(
  path: string,
  tensors: readonly SafetensorsFileTensor[],
  options: { metadata?: Record<string, string>; fs?: AtomicFileSystem } = {},
): Promise<number> {
  if (!Array.isArray(tensors))
    throw new InitError('INVALID_ARGUMENT', 'tensors', 'must be an array of { name, dtype, shape, chunks }');
  const { bytes, header } = buildSafetensorsHeader(
    tensors.map((t) => ({ name: t?.name, dtype: t?.dtype, shape: t?.shape })),
    options?.metadata,
  );
  const file = await openAtomicFile(path, options?.fs ?? nodeFileSystem);
  try {
    await file.write(bytes);
    for (let k = 0; k < tensors.length; k++) {
      const info = header.tensors[k] as (typeof header.tensors)[number];
      await writeChunks(
        file,
        (tensors[k] as SafetensorsFileTensor).chunks,
        info.dataOffsets[1] - info.dataOffsets[0],
        `tensors[${k}].chunks`,
      );
    }
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
  return header.dataStart + header.dataBytes;
}

/**
 * Streams one array into a `.npy` file (numpy's header, then the chunks in C order), atomically.
 *
 * @param path - the final path
 * @param shape - dimensions
 * @param dtype - `'float32'` (`<f4`) or `'float64'` (`<f8`)
 * @param chunks - Float32Array or Float64Array chunks holding numel(shape) values in all
 * @param options - `fs` (default Node's)
 * @returns the file size in bytes
 * @throws {InitError} as `npyHeader`; `SHAPE_MISMATCH` (argument `chunks`) when the values do not fill the shape
 * @example
 * ```js
 * await writeNpyFile('w.npy', [2, 2], 'float32', [new Float32Array([1, 2]), new Float32Array([3, 4])]); // => 144
 * ```
 */
export async function writeNpyFile(
  path: string,
  shape: readonly number[],
  dtype: Dtype,
  chunks: DataChunks,
  options: { fs?: AtomicFileSystem } = {},
): Promise<number> {
  const header = npyHeader(shape, dtype);
  let n = 1;
  for (const d of shape) n *= d;
  const bytes = n * (dtype === 'float32' ? 4 : 8);
  const file = await openAtomicFile(path, options?.fs ?? nodeFileSystem);
  try {
    await file.write(header);
    await writeChunks(file, chunks, bytes, 'chunks');
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
  return header.length + bytes;
}
