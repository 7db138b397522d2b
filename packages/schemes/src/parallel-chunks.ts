import { createParallelFiller, type ParallelFiller } from '@init/rng/node';
import {
  type ChunkPlan,
  type FloatArray,
  fillChunk,
  float32ToBfloat16,
  InitError,
  type Rng,
} from '@init/schemes';
import { checkNodeOptions } from './node-options';

/** Float32 values per step when a bfloat16 chunk is filled on the calling thread (a 64 KiB scratch array). */
const BF16_STEP = 16_384;
/** Shorter fills run on the calling thread. */
const MIN_PARALLEL = 65_536;

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
  /**
   * Writes elements [start, start + out.length) of a tensor planned as `plan` for float32 as bfloat16 bit
   * patterns: exactly `float32ToBfloat16(fillChunk(plan, rng, new Float32Array(out.length), start))`. For plans
   * of kind `rng` the worker threads round while they copy their values out, so no float32 copy of the chunk
   * exists and the calling thread does no conversion; an `out` on a SharedArrayBuffer is filled in place.
   * Other plans (`constant`) run on the calling thread, 16384 values at a time.
   *
   * @throws {InitError} `INVALID_ARGUMENT` (argument `out`) unless `out` is a Uint16Array, (argument `start`)
   *   unless `start` is a non-negative integer, (argument `plan`) for a plan of kind `whole`
   */
  fillBfloat16(plan: ChunkPlan, rng: Rng, out: Uint16Array, start: number): Promise<Uint16Array>;
  /** Stops the worker threads. */
  close(): Promise<void>;
}

/**
 * Creates worker threads that fill tensor chunks, bit for bit as the single-threaded `fillChunk` does
 * (Node only). Each fill of a counter-based stream is split into index ranges, one per thread. `fillBfloat16`
 * stores the float32 values as bfloat16 bit patterns (as `float32ToBfloat16` rounds them), rounded on the
 * worker threads.
 *
 * Formula: thread t writes out[a_t .. a_{t+1}) from stream indices start + a_t ..., so the values never depend
 * on the thread count; bfloat16: out[j] = float32ToBfloat16(fillChunk(plan, rng, float32, start))[j].
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
 * const plan = chunkGenerator({ name: 'normal', std: 0.02 }, [1 << 20], createRng(9)).plan;
 * const half = await filler.fillBfloat16(plan, createRng(9), new Uint16Array(1 << 18), 0);
 * // half equals float32ToBfloat16(fillChunk(plan, createRng(9), new Float32Array(1 << 18), 0)) => true
 * await filler.close();
 * ```
 */
export function createParallelChunkFiller(
  options: { threads?: number; callerShare?: boolean } = {},
): ParallelChunkFiller {
  checkNodeOptions(options, ['threads', 'callerShare'], ['callerShare'], '{ threads: 2 }');
  const callerShare = options.callerShare ?? true;
  const threads = options.threads ?? 2;
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > 256) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'threads',
      `must be an integer in [1, 256], got ${String(threads)}`,
    );
  }
  let filler: ParallelFiller | undefined;
  const parallel = () => {
    filler ??= createParallelFiller({ threads, minParallelLength: MIN_PARALLEL, callerShare });
    return filler as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  };
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (e) {
      const { code, argument } = e as { code?: unknown; argument?: unknown };
      if (typeof code === 'string' && typeof argument === 'string' && !(e instanceof InitError)) {
        throw new InitError(code as InitError['code'], argument, (e as Error).message);
      }
      throw e;
    }
  };
  return {
    threads,
    async fill(plan, rng, out, start) {
      if (plan.kind !== 'rng' || threads === 1 || out.length < MIN_PARALLEL)
        return fillChunk(plan, rng, out, start);
      const f = parallel()[plan.method] as (...a: unknown[]) => Promise<unknown>;
      await run(() => f(rng, out, ...plan.args, { offset: start }));
      return out;
    },
    async fillBfloat16(plan, rng, out, start) {
      if (!(out instanceof Uint16Array)) {
        throw new InitError(
          'INVALID_ARGUMENT',
          'out',
          `must be a Uint16Array for the bfloat16 bit patterns, got ${out === null ? 'null' : typeof out === 'object' ? (Object.getPrototypeOf(out)?.constructor?.name ?? 'an object') : typeof out}`,
        );
      }
      if (!Number.isSafeInteger(start) || start < 0) {
        throw new InitError(
          'INVALID_ARGUMENT',
          'start',
          `must be a non-negative integer, got ${String(start)}`,
        );
      }
      if (plan?.kind === 'rng' && threads > 1 && out.length >= MIN_PARALLEL) {
        const f = parallel()[plan.method];
        if (typeof f === 'function' && Array.isArray(plan.args)) {
          await run(() => f(rng, out, ...plan.args, { offset: start, bfloat16: true }));
          return out;
        }
      }
      // Other plans, and short chunks: the float32 fill on this thread, converted step by step.
      const scratch = new Float32Array(Math.min(out.length, BF16_STEP));
      for (let j = 0; j < out.length || j === 0; j += BF16_STEP) {
        const values = scratch.subarray(0, Math.min(BF16_STEP, out.length - j));
        fillChunk(plan, rng, values, start + j);
        float32ToBfloat16(values, out.subarray(j, j + values.length));
      }
      return out;
    },
    async close() {
      await filler?.close();
      filler = undefined;
    },
  };
}
