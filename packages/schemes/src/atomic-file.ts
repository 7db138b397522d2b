import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { InitError } from '@init/schemes';
import { DirectAppender } from './direct-writes';
import { checkNodeOptions } from './node-options';

/** The file operations an {@link AtomicFile} uses; inject your own to test failures (a full disk...). */
export interface AtomicFileSystem {
  /** Opens `path` for writing (`'w'`: created or truncated). */
  open(path: string, flags: 'w'): Promise<AtomicFileHandle>;
  /** Renames `from` to `to`, replacing `to` (atomic within one file system). */
  rename(from: string, to: string): Promise<void>;
  /** Removes `path`; with `force`, a missing file is not an error. */
  rm(path: string, options: { force: true }): Promise<void>;
  /**
   * Opens `path` for direct writes that bypass the page cache (created or truncated; Linux `O_DIRECT`).
   * Optional: a file system without it, or whose direct open or first direct write fails, is written through
   * `open`.
   */
  openDirect?(path: string): Promise<AtomicDirectHandle>;
}

/** The part of `fs.promises.FileHandle` an {@link AtomicFile} needs. */
export interface AtomicFileHandle {
  /** Writes `length` bytes of `buffer` from `offset` at file position `position`; resolves with the bytes written. */
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  /** Flushes the file's data to the storage device (fsync). */
  sync(): Promise<void>;
  /** Closes the handle. */
  close(): Promise<void>;
}

/** A handle opened by {@link AtomicFileSystem.openDirect}: writes need aligned memory, lengths and positions. */
export interface AtomicDirectHandle extends AtomicFileHandle {
  /** Sets the file's length to `length` bytes. */
  truncate(length: number): Promise<void>;
}

/** Flags of a direct open (undefined where the platform has no `O_DIRECT`). */
const DIRECT_FLAGS =
  constants.O_DIRECT === undefined
    ? undefined
    : constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT;

/** Node's own `fs.promises`, the default file system. */
export const nodeFileSystem: AtomicFileSystem = {
  open: (path, flags) => open(path, flags) as unknown as Promise<AtomicFileHandle>,
  rename,
  rm: (path, options) => rm(path, options),
  async openDirect(path) {
    if (DIRECT_FLAGS === undefined) throw new Error('direct writes (O_DIRECT) are not available here');
    return (await open(path, DIRECT_FLAGS)) as unknown as AtomicDirectHandle;
  },
};

/** Options of {@link openAtomicFile}. */
export interface OpenAtomicFileOptions {
  /**
   * Write with direct I/O (`O_DIRECT`, through {@link AtomicFileSystem.openDirect}) when the file system
   * allows it: the kernel neither copies the data nor keeps it cached. Bytes are staged 4 MiB at a time, so a
   * write may resolve before its bytes reach the file; `commit` writes the rest. Default false.
   */
  direct?: boolean;
}

/**
 * After this many bytes since the last flush, `write` starts an fsync in the background (at most one at a
 * time), so the disk writes out the data while more is generated instead of all of it at `commit`.
 */
export const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/** A file written under a temporary name and renamed to its final name only when complete. */
export interface AtomicFile {
  /** The final path. */
  readonly path: string;
  /** The temporary path the data goes to until {@link AtomicFile.commit}. */
  readonly tempPath: string;
  /** Bytes written so far. */
  readonly written: number;
  /** Appends `bytes` (the whole array is written before the promise resolves). */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes to disk (fsync), closes, and renames the temporary file to `path`. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file; `path` is left untouched. Never throws. */
  abort(): Promise<void>;
}

/**
 * Temporary name of a file being written: the final name plus `.partial`, never mistaken for the file.
 *
 * @param path - the final path
 * @returns `<path>.partial`
 * @example
 * ```js
 * partialPath('out/model.safetensors'); // => 'out/model.safetensors.partial'
 * ```
 */
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/** Writes all of `bytes` at file position `position`, continuing after short writes. */
async function writeAt(handle: AtomicFileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`write returned ${bytesWritten} bytes`);
    done += bytesWritten;
  }
}

/** A file opened for writing: direct (with its appender) when the file system allowed it, else buffered. */
type OpenedFile =
  | { handle: AtomicDirectHandle; direct: DirectAppender }
  | { handle: AtomicFileHandle; direct: undefined };

/**
 * Opens `tempPath` for direct writes and probes them; on any failure (no `openDirect`, a file system that
 * refuses O_DIRECT such as tmpfs, a refused write) opens it through the page cache instead.
 */
async function openForWriting(tempPath: string, fs: AtomicFileSystem, direct: boolean): Promise<OpenedFile> {
  if (direct && fs.openDirect) {
    let handle: AtomicDirectHandle | undefined;
    try {
      handle = await fs.openDirect(tempPath);
      const appender = new DirectAppender(handle);
      await appender.probe();
      return { handle, direct: appender };
    } catch {
      await handle?.close().catch(() => undefined);
    }
  }
  return { handle: await fs.open(tempPath, 'w'), direct: undefined };
}

/**
 * Opens a file for atomic writing: bytes go to `<path>.partial`, which is fsynced and renamed to `path`
 * by `commit()`, so a crash, Ctrl-C or a full disk never leaves a file under `path` that looks finished.
 * Through the page cache, every 64 MiB written an fsync starts in the background (a failed one fails the next
 * `write` or `commit`, after the temporary file is removed). With `{ direct: true }` the bytes bypass the page
 * cache where the file system allows it (see {@link OpenAtomicFileOptions}); the file's bytes are the same.
 *
 * @param path - the final path
 * @param fs - the file system (default Node's); tests inject one that fails
 * @param options - `direct` (default false)
 * @returns an {@link AtomicFile}
 * @throws {InitError} `INVALID_ARGUMENT` (argument `path`) for an empty path, (argument `options` or `direct`)
 *   for bad options; the file system's own errors (ENOSPC, EACCES...) propagate from `write` and `commit` after
 *   the temporary file is removed
 * @example
 * ```js
 * const file = await openAtomicFile('/tmp/w.bin', undefined, { direct: true });
 * await file.write(new Uint8Array([1, 2, 3]));
 * await file.commit(); // /tmp/w.bin now holds the 3 bytes; /tmp/w.bin.partial is gone
 * file.written; // => 3
 * ```
 */
export async function openAtomicFile(
  path: string,
  fs: AtomicFileSystem = nodeFileSystem,
  options?: OpenAtomicFileOptions,
): Promise<AtomicFile> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new InitError('INVALID_ARGUMENT', 'path', 'must be a non-empty string');
  }
  const tempPath = partialPath(path);
  const { handle, direct } = await openForWriting(
    tempPath,
    fs,
    checkNodeOptions(options, ['direct'], ['direct'], '{ direct: true }').direct === true,
  );
  let written = 0;
  let closed = false;
  let flushedAt = 0;
  let flushing: Promise<void> | undefined;
  let flushError: unknown;
  /** Starts a background fsync when enough new bytes are written; its failure surfaces at the next call. */
  const flushInBackground = (): void => {
    if (direct || flushing || written - flushedAt < FLUSH_EVERY_BYTES) return;
    flushedAt = written;
    flushing = handle.sync().then(
      () => {
        flushing = undefined;
      },
      (e: unknown) => {
        flushError ??= e;
        flushing = undefined;
      },
    );
  };
  const abort = async (): Promise<void> => {
    await flushing;
    if (!closed) {
      closed = true;
      await handle.close().catch(() => undefined);
    }
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
  };
  const failIfFlushFailed = async (): Promise<void> => {
    if (flushError === undefined) return;
    await abort();
    throw flushError;
  };
  const file: AtomicFile = {
    path,
    tempPath,
    get written() {
      return written;
    },
    async write(bytes) {
      if (closed) throw new InitError('INVALID_ARGUMENT', 'file', 'is already committed or aborted');
      await failIfFlushFailed();
      try {
        if (direct) await direct.append(bytes);
        else await writeAt(handle, bytes, written);
      } catch (e) {
        await abort();
        throw e;
      }
      written += bytes.length;
      flushInBackground();
    },
    async commit() {
      if (closed) throw new InitError('INVALID_ARGUMENT', 'file', 'is already committed or aborted');
      await flushing;
      await failIfFlushFailed();
      try {
        await direct?.finish(written);
        await handle.sync();
        closed = true;
        await handle.close();
        await fs.rename(tempPath, path);
      } catch (e) {
        await abort();
        throw e;
      }
    },
    abort,
  };
  return file;
}
