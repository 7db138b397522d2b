import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkInteger, describe } from './argument-checks';
import { RngError } from './errors';
import { fillBackend } from './fill-kernels';
import { fillOffset, truncatedParams, uniformParams } from './fill-params';
import { checkOptions } from './option-keys';
import { PARALLEL_WORKER_SOURCE } from './parallel-worker-source';
import { truncatedPerBlock } from './philox-fills';
import { PHILOX_CLAIM, type PhiloxClaim } from './philox-rng';
import type { FillOptions, FloatArray, Rng } from './rng-types';
import { compileRngWasm } from './wasm-kernels';
import { zigguratTables } from './ziggurat';

/**
 * Options of {@link createParallelFiller}.
 *
 * @example
 * ```ts
 * const options: ParallelFillerOptions = { threads: 4, minParallelLength: 1 << 20 };
 * ```
 */
export interface ParallelFillerOptions {
  /**
   * Threads that share a fill, the calling thread included (so `threads - 1` workers are started); default
   * `os.availableParallelism()` (at most 256). An integer in [1, 256].
   */
  threads?: number;
  /** Fills shorter than this run on the calling thread only; default 262144 values. */
  minParallelLength?: number;
  /**
   * Whether the calling thread fills a share of each parallel fill (default true). With `false` the
   * `threads - 1` workers share it and the calling thread only waits, free to do other work (convert the
   * previous chunk, write a file) while the promise is pending. The values are the same either way.
   */
  callerShare?: boolean;
}

/**
 * Bulk Philox fills shared over worker threads (Node only). Every method has the semantics of the Rng method
 * of the same name, returns a promise of `out`, and writes exactly the bits the single-threaded call would
 * write, advancing `rng` the same way: each thread fills a range of stream indices with `offset`. An `out`
 * backed by a `SharedArrayBuffer` is written in place; any other `out` is filled through a shared scratch
 * array and copied (one extra copy and `out.byteLength` of temporary memory).
 *
 * @example
 * ```ts
 * const filler: ParallelFiller = createParallelFiller({ threads: 2 });
 * filler.threads; // => 2
 * await filler.close();
 * ```
 */
export interface ParallelFiller {
  /** Threads per fill, the calling thread included. */
  readonly threads: number;
  /** Parallel {@link Rng.fillUniform}. */
  fillUniform<T extends FloatArray>(
    rng: Rng,
    out: T,
    low?: number,
    high?: number,
    options?: FillOptions,
  ): Promise<T>;
  /** Parallel {@link Rng.fillNormal}. */
  fillNormal<T extends FloatArray>(
    rng: Rng,
    out: T,
    mean?: number,
    std?: number,
    options?: FillOptions,
  ): Promise<T>;
  /** Parallel {@link Rng.fillTruncatedNormal}. */
  fillTruncatedNormal<T extends FloatArray>(
    rng: Rng,
    out: T,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: FillOptions,
  ): Promise<T>;
  /** Parallel {@link Rng.fillBernoulli}. */
  fillBernoulli<T extends FloatArray | Uint8Array>(
    rng: Rng,
    out: T,
    p: number,
    options?: FillOptions,
  ): Promise<T>;
  /** Stops the workers. The filler must not be used afterwards. */
  close(): Promise<void>;
}

type Kind = 'uniform32' | 'uniform64' | 'normal32' | 'normal64' | 'truncated' | 'bernoulli';
type Out = Float32Array | Float64Array | Uint8Array;
type ClaimingRng = Rng & {
  [PHILOX_CLAIM](offset: number | undefined, n: number, perBlock: number): PhiloxClaim;
};

interface Task {
  kind: Kind;
  perBlock: number;
  params: number[];
  /** The same fill on the calling thread, for one range (given by `offset`). */
  local: (view: Out, offset: number) => void;
  /** Fills that the workers' kernels do not cover (constant and far-tail truncated normals) run locally. */
  localOnly?: boolean;
}

const REGIME_CODE = { normal: 0, uniform: 1, exponential: 2 } as const;
const ALIGN = 4096;

function checkView(out: unknown): void {
  if (!ArrayBuffer.isView(out)) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'out',
      `expected a Float32Array, Float64Array or Uint8Array, got ${describe(out)}`,
    );
  }
}

function philox(rng: Rng): ClaimingRng {
  const claim =
    rng !== null && typeof rng === 'object' ? (rng as Partial<ClaimingRng>)[PHILOX_CLAIM] : undefined;
  if (rng === null || typeof rng !== 'object' || typeof claim !== 'function') {
    const algorithm =
      rng !== null && typeof rng === 'object' ? (rng as { algorithm?: unknown }).algorithm : undefined;
    throw new RngError(
      'UNSUPPORTED',
      'rng',
      `parallel fills need a counter-based 'philox' stream, got ${typeof algorithm === 'string' ? `'${algorithm}'` : describe(rng)}`,
    );
  }
  return rng as ClaimingRng;
}

/**
 * Validates a fill's options (known keys, offset range for `n` values) and returns the options for the
 * zero-length validating call: an explicit offset, so the stream does not move.
 */
function validationOptions(options: FillOptions | undefined, n: number): FillOptions {
  return { offset: fillOffset(options, n) ?? 0 };
}

function dtypeOf(out: Out): 'float32' | 'float64' | 'uint8' {
  return out instanceof Float32Array ? 'float32' : out instanceof Float64Array ? 'float64' : 'uint8';
}

function sharedLike(out: Out): Out {
  const Type = out.constructor as new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => Out;
  return new Type(new SharedArrayBuffer(out.byteLength), 0, out.length);
}

/**
 * Creates a pool of worker threads for bulk Philox fills whose results are bit-identical to the
 * single-threaded fills (Node only; import from `@init/rng/node`).
 *
 * Formula: with T threads, thread t fills out[a_t .. a_{t+1}) with the values at stream indices
 * start + a_t .. start + a_{t+1} - 1 (the `offset` mechanism), so the result does not depend on T.
 *
 * @param options - `threads` (default: available parallelism), `minParallelLength` (default 262144),
 *   `callerShare` (default true)
 * @returns a {@link ParallelFiller}; call `close()` when done
 * @throws RngError `INVALID_ARGUMENT` (argument `options`, `threads` or `minParallelLength`) for bad options,
 *   including keys other than `threads`, `minParallelLength` and `callerShare` ("did you mean" for a close
 *   one), a non-boolean `callerShare` (argument `callerShare`),
 *   `NOT_FINITE` for NaN or infinite counts; the fills
 *   throw like their Rng counterparts, and `UNSUPPORTED` (argument `rng`) for non-Philox streams
 * @example
 * ```ts
 * import { createRng } from '@init/rng';
 * import { createParallelFiller } from '@init/rng/node';
 * const filler = createParallelFiller({ threads: 2 });
 * const w = await filler.fillNormal(createRng(42), new Float32Array(4096 * 4096), 0, 0.02);
 * // w equals createRng(42).fillNormal(new Float32Array(4096 * 4096), 0, 0.02) bit for bit => true
 * await filler.close();
 * ```
 */
export function createParallelFiller(options: ParallelFillerOptions = {}): ParallelFiller {
  checkOptions(options, 'options', ['threads', 'minParallelLength', 'callerShare']);
  const callerShare = options.callerShare ?? true;
  if (typeof callerShare !== 'boolean') {
    throw new RngError('INVALID_ARGUMENT', 'callerShare', `expected a boolean, got ${describe(callerShare)}`);
  }
  const threads = checkInteger(options.threads ?? Math.min(256, availableParallelism()), 'threads', 1, 256);
  const minParallelLength = checkInteger(
    options.minParallelLength ?? 262_144,
    'minParallelLength',
    0,
    Number.MAX_SAFE_INTEGER,
  );
  let workers: Promise<Worker[]> | undefined;
  let closed = false;
  let nextId = 0;

  function startWorkers(): Promise<Worker[]> {
    const module = fillBackend() === 'wasm' ? compileRngWasm() : undefined;
    if (module === undefined || threads === 1) return Promise.resolve([]);
    const t = zigguratTables();
    const list: Promise<Worker>[] = [];
    for (let i = 1; i < threads; i++) {
      // No inherited flags: `--input-type=module` would make the evaluated (CommonJS) worker source an ES module.
      const worker = new Worker(PARALLEL_WORKER_SOURCE, { eval: true, execArgv: [] });
      list.push(
        new Promise<Worker>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('message', () => {
            worker.unref();
            resolve(worker);
          });
          worker.postMessage({
            type: 'init',
            module,
            x: t.x,
            f: t.f,
            scale23: t.scale23,
            scale53: t.scale53,
          });
        }),
      );
    }
    return Promise.all(list);
  }

  function runOn(worker: Worker, message: Record<string, unknown>): Promise<void> {
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string; id: number }) => {
        if (m.type === 'done' && m.id === id) {
          worker.off('message', onMessage);
          worker.off('error', reject);
          worker.unref();
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  async function run<T extends Out>(
    rng: ClaimingRng,
    out: T,
    offset: number | undefined,
    task: Task,
  ): Promise<T> {
    if (closed) throw new RngError('UNSUPPORTED', 'filler', 'this parallel filler has been closed');
    const n = out.length;
    const { k0, k1, start } = rng[PHILOX_CLAIM](offset, n, task.perBlock);
    if (start + n > Number.MAX_SAFE_INTEGER) {
      throw new RngError(
        'INVALID_ARGUMENT',
        'offset',
        `offset + length must stay <= 2^53 - 1, got ${start} + ${n}`,
      );
    }
    if (task.localOnly || n < minParallelLength || threads === 1) {
      task.local(out, start);
      return out;
    }
    workers ??= startWorkers();
    const pool = await workers;
    if (pool.length === 0) {
      task.local(out, start);
      return out;
    }
    const target = out.buffer instanceof SharedArrayBuffer ? out : sharedLike(out);
    const first = callerShare ? 1 : 0; // part 0 is the calling thread's when it takes a share
    const parts = pool.length + first;
    const step = Math.ceil(n / parts / ALIGN) * ALIGN;
    const pending: Promise<void>[] = [];
    for (let t = first; t < parts; t++) {
      const a = Math.min(n, t * step);
      const b = Math.min(n, a + step);
      if (b <= a) continue;
      pending.push(
        runOn(pool[t - first]!, {
          type: 'fill',
          kind: task.kind,
          dtype: dtypeOf(out),
          buffer: target.buffer,
          byteOffset: target.byteOffset + a * target.BYTES_PER_ELEMENT,
          length: b - a,
          start: start + a,
          perBlock: task.perBlock,
          params: task.params,
          k0,
          k1,
        }),
      );
    }
    if (callerShare) task.local(target.subarray(0, Math.min(n, step)), start);
    await Promise.all(pending);
    if (target !== out) out.set(target);
    return out;
  }

  return {
    threads,
    async fillUniform(rng, out, low = 0, high = 1, fillOptions) {
      const r = philox(rng);
      checkView(out);
      r.fillUniform(out.subarray(0, 0), low, high, validationOptions(fillOptions, out.length)); // validates every argument, writes nothing
      const f32 = out instanceof Float32Array;
      const p = uniformParams(low, high, f32);
      return run(r, out, fillOptions?.offset, {
        kind: f32 ? 'uniform32' : 'uniform64',
        perBlock: f32 ? 4 : 2,
        params: f32 ? [p.low, p.span, p.minV, p.maxV] : [p.low, p.span, p.maxV],
        local: (view, offset) => r.fillUniform(view as FloatArray, low, high, { offset }),
      });
    },
    async fillNormal(rng, out, mean = 0, std = 1, fillOptions) {
      const r = philox(rng);
      checkView(out);
      r.fillNormal(out.subarray(0, 0), mean, std, validationOptions(fillOptions, out.length));
      const f32 = out instanceof Float32Array;
      return run(r, out, fillOptions?.offset, {
        kind: f32 ? 'normal32' : 'normal64',
        perBlock: f32 ? 4 : 2,
        params: [mean, std],
        local: (view, offset) => r.fillNormal(view as FloatArray, mean, std, { offset }),
      });
    },
    async fillTruncatedNormal(rng, out, mean, std, lower, upper, fillOptions) {
      const r = philox(rng);
      checkView(out);
      r.fillTruncatedNormal(
        out.subarray(0, 0),
        mean,
        std,
        lower,
        upper,
        validationOptions(fillOptions, out.length),
      );
      const f32 = out instanceof Float32Array;
      const p = truncatedParams(mean, std, lower, upper, f32);
      const local = (view: Out, offset: number) =>
        r.fillTruncatedNormal(view as FloatArray, mean, std, lower, upper, { offset });
      if (!p.plan) {
        return run(r, out, fillOptions?.offset, {
          kind: 'truncated',
          perBlock: 1,
          params: [],
          local: p.far ? local : (v) => v.fill(p.constant),
          localOnly: true,
        });
      }
      const plan = p.plan;
      return run(r, out, fillOptions?.offset, {
        kind: 'truncated',
        perBlock: truncatedPerBlock(plan, f32),
        params: [
          p.mean,
          p.std,
          p.minV,
          p.maxV,
          REGIME_CODE[plan.regime],
          plan.alpha,
          plan.beta,
          plan.mirrored ? 1 : 0,
          plan.lambda,
          plan.expMass,
          plan.peak,
        ],
        local,
      });
    },
    async fillBernoulli(rng, out, prob, fillOptions) {
      const r = philox(rng);
      checkView(out);
      r.fillBernoulli(out.subarray(0, 0), prob, validationOptions(fillOptions, out.length));
      return run(r, out, fillOptions?.offset, {
        kind: 'bernoulli',
        perBlock: 2,
        params: [prob],
        local: (view, offset) => r.fillBernoulli(view, prob, { offset }),
      });
    },
    async close() {
      closed = true;
      const pool = workers ? await workers : [];
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}
