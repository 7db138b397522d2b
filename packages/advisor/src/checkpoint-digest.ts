import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Files are hashed in blocks of this many bytes (4 MiB); the writer also writes in these blocks. */
export const DIGEST_BLOCK_BYTES = 4 * 1024 * 1024;

/** What the sidecar `<file>.sha256.json` of a written checkpoint file holds. */
export interface CheckpointSidecar {
  readonly file: string;
  readonly size: number;
  /** SHA-256 of the file's header bytes: the names, shapes, dtypes, seed and schemes it was written for. */
  readonly header_sha256: string;
  /** SHA-256 of the concatenated SHA-256 digests of the file's consecutive 4 MiB blocks. */
  readonly blocks_sha256: string;
  readonly algorithm: 'sha256 of the sha256 digests of 4 MiB blocks';
}

/**
 * Path of the sidecar that records a checkpoint file's size and digests.
 *
 * @param path - the checkpoint file
 * @returns `<path>.sha256.json`
 * @example
 * ```ts
 * sidecarPath('ckpt/model.safetensors'); // => 'ckpt/model.safetensors.sha256.json'
 * ```
 */
export function sidecarPath(path: string): string {
  return `${path}.sha256.json`;
}

/** SHA-256 of a block (hashed in place: no copy of the block). */
export function blockDigest(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** Combines block digests, in file order, into the file's digest (hex). */
export function combineDigests(digests: readonly Uint8Array[]): string {
  const h = createHash('sha256');
  for (const d of digests) h.update(d);
  return h.digest('hex');
}

/** Hex SHA-256 of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The block digest of a file on disk, read block by block (memory: one 4 MiB block), or undefined when it
 * cannot be read; `materializeToDisk` compares it with the sidecar before it skips a file.
 *
 * Formula: SHA-256(SHA-256(block_0) ‖ SHA-256(block_1) ‖ …) over consecutive 4 MiB blocks, hex.
 *
 * @param path - the file
 * @returns the hex digest, or undefined
 * @example
 * ```ts
 * const side = JSON.parse(readFileSync(sidecarPath(file), 'utf8'));
 * (await fileDigest(file)) === side.blocks_sha256; // => true for a complete file
 * ```
 */
export async function fileDigest(path: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const digests: Uint8Array[] = [];
    const buf = new Uint8Array(DIGEST_BLOCK_BYTES);
    for (let position = 0; ; ) {
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await handle.read(buf, got, buf.length - got, position + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      if (got === 0) break;
      digests.push(blockDigest(buf.subarray(0, got)));
      position += got;
      if (got < buf.length) break;
    }
    return combineDigests(digests);
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
