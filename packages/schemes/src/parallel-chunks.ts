import { createParallelFiller, type ParallelFiller } from '@init/rng/node';
import { type ChunkPlan, type FloatArray, fillChunk, InitError, type Rng } from '@init/schemes';

/** Chunk fills shared over worker threads. */
export interface ParallelChunkFiller {
  /** Threads per fill, the calling thread included. */
  readonly threads: number;
  /**
   * Writes elements [start, start + out.length) of a tensor planned as `plan` (from a `chunkGenerator`)
   * into `out`, exactly the values `fillChunk(plan, rng, out, start)` writes. An `out` on a
   * SharedArrayBuffer is filled in place (no copy).
   */
  fill<T extends FloatArray>(plan: ChunkPlan, rng: Rng, out: T, start: number): Promise<T>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * Creates worker threads that fill tensor chunks, bit for bit as the single-threaded `fillChunk` does
 * (Node only). Each fill of a counter-based stream is split into index ranges, one per thread.
 *
 * Formula: thread t writes out[a_t .. a_{t+1}) from stream indices start + a_t ..., so the values never depend
 * on the thread count.
 *
 * @param options - `threads`: threads per fill, the calling thread included (default 2); an integer in [1, 256].
 *   `callerShare` (default true): `false` leaves each fill to the `threads - 1` workers, so the calling thread is
 *   free while the promise is pending (the values are the same)
 * @returns a {@link ParallelChunkFiller}; `close()` it when done
 * @throws {InitError} `INVALID_ARGUMENT` (argument `threads`) for a bad thread count; the fills throw
 *   `INVALID_ARGUMENT` (argument `plan`) for a plan of kind `whole`
 * @example
 * ```js
 * const filler = createParallelChunkFiller({ threads: 2 });
 * filler.threads; // => 2
 * await filler.close();
 * ```
 */
export function createParallelChunkFiller(
  options: { threads?: number; callerShare?: boolean } = {},
): ParallelChunkFiller {
  if (options === null || typeof options !== 'object') {
    throw new InitError('INVALID_ARGUMENT', 'options', 'must be an object like { threads: 2 }');
  }
  for (const key of Object.keys(options)) {
    if (key !== 'threads' && key !== 'callerShare')
      throw new InitError(
        'INVALID_ARGUMENT',
        'options',
        `unknown option '${key.slice(0, 40)}'; allowed: threads, callerShare`,
      );
  }
  const callerShare = options.callerShare ?? true;
  if (typeof callerShare !== 'boolean') {
    throw new InitError(
      'INVALID_ARGUMENT',
      'callerShare',
      `must be a boolean, got a ${callerShare === null ? 'null' : typeof callerShare}`,
    );
  }
  const threads = options.threads ?? 2;
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > 256) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'threads',
      `must be an integer in [1, 256], got ${String(threads)}`,
    );
  }
  let filler: ParallelFiller | undefined;
  return {
    threads,
    async fill(plan, rng, out, start) {
      if (plan.kind !== 'rng' || threads === 1 || out.length < 65_536)
        return fillChunk(plan, rng, out, start);
      filler ??= createParallelFiller({ threads, minParallelLength: 65_536, callerShare });
      const f = filler as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      try {
        await (f[plan.method] as (...a: unknown[]) => Promise<unknown>)(rng, out, ...plan.args, {
          offset: start,
        });
      } catch (e) {
        const { code, argument } = e as { code?: unknown; argument?: unknown };
        if (typeof code === 'string' && typeof argument === 'string' && !(e instanceof InitError)) {
          throw new InitError(code as InitError['code'], argument, (e as Error).message);
        }
        throw e;
      }
      return out;
    },
    async close() {
      await filler?.close();
      filler = undefined;
    },
  };
}
