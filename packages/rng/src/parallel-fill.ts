import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkInteger, describe } from './argument-checks';
import { RngError } from './errors';
import { fillBackend } from './fill-kernels';
import { fillOffset, truncatedParams, uniformParams } from './fill-params';
import { checkOptions } from './option-keys';
import { BF16_ROUND_WASM_BASE64, storeBfloat16 } from './parallel-bfloat16';
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
 * Options of the float32 fills of a {@link ParallelFiller}: {@link FillOptions} plus `bfloat16`.
 *
 * @example
 * ```ts
 * const options: ParallelFillOptions = { offset: 4096, bfloat16: true };
 * ```
 */
export interface ParallelFillOptions extends FillOptions {
  /**
   * Store the values as bfloat16 bit patterns in a `Uint16Array` `out` (default false): the values of the
   * float32 fill, each rounded to nearest with ties to even (NaN to a quiet NaN of the same sign), exactly
   * what `float32ToBfloat16` of `@init/schemes` makes of them. The workers round while they copy their
   * results out, so no float32 array of the fill's length is ever made.
   */
  bfloat16?: boolean;
}

/** {@link ParallelFillOptions} of a bfloat16 fill. */
export type Bfloat16FillOptions = ParallelFillOptions & { bfloat16: true };

/**
 * Bulk Philox fills shared over worker threads (Node only). Every method has the semantics of the Rng method
 * of the same name, returns a promise of `out`, and writes exactly the bits the single-threaded call would
 * write, advancing `rng` the same way: each thread fills a range of stream indices with `offset`. An `out`
 * backed by a `SharedArrayBuffer` is written in place; any other `out` is filled through a shared scratch
 * array and copied (one extra copy and `out.byteLength` of temporary memory). The uniform, normal and
 * truncated normal fills also store bfloat16: with `{ bfloat16: true }` and a `Uint16Array` `out`, out[j] is
 * the bfloat16 rounding of the float32 value the fill would write at j.
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
  /** Parallel {@link Rng.fillUniform} of float32 values stored as bfloat16 bit patterns. */
  fillUniform(
    rng: Rng,
    out: Uint16Array,
    low: number | undefined,
    high: number | undefined,
    options: Bfloat16FillOptions,
  ): Promise<Uint16Array>;
  /** Parallel {@link Rng.fillUniform}. */
  fillUniform<T extends FloatArray>(
    rng: Rng,
    out: T,
    low?: number,
    high?: number,
    options?: ParallelFillOptions,
  ): Promise<T>;
  /** Parallel {@link Rng.fillNormal} of float32 values stored as bfloat16 bit patterns. */
  fillNormal(
    rng: Rng,
    out: Uint16Array,
    mean: number | undefined,
    std: number | undefined,
    options: Bfloat16FillOptions,
  ): Promise<Uint16Array>;
  /** Parallel {@link Rng.fillNormal}. */
  fillNormal<T extends FloatArray>(
    rng: Rng,
    out: T,
    mean?: number,
    std?: number,
    options?: ParallelFillOptions,
  ): Promise<T>;
  /** Parallel {@link Rng.fillTruncatedNormal} of float32 values stored as bfloat16 bit patterns. */
  fillTruncatedNormal(
    rng: Rng,
    out: Uint16Array,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options: Bfloat16FillOptions,
  ): Promise<Uint16Array>;
  /** Parallel {@link Rng.fillTruncatedNormal}. */
  fillTruncatedNormal<T extends FloatArray>(
    rng: Rng,
    out: T,
    mean: number,
    std: number,
    lower: number,
    upper: number,
    options?: ParallelFillOptions,
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
type Out = Float32Array | Float64Array | Uint8Array | Uint16Array;
type ClaimingRng = Rng & {
  [PHILOX_CLAIM](offset: number | undefined, n: number, perBlock: number): PhiloxClaim;
};

interface Task {
  kind: Kind;
  perBlock: number;
  params: number[];
  /** The same fill on the calling thread, for one range (given by `offset`); bfloat16: into float32 views. */
  local: (view: Float32Array | Float64Array | Uint8Array, offset: number) => void;
  /** Fills that the workers' kernels do not cover (constant and far-tail truncated normals) run locally. */
  localOnly?: boolean;
}

const REGIME_CODE = { normal: 0, uniform: 1, exponential: 2 } as const;
const ALIGN = 4096;
/** Float32 values per step of a bfloat16 fill on the calling thread (a 64 KiB scratch array). */
const BF16_STEP = 16_384;

/**
 * The compiled bfloat16 rounding module of the workers, or undefined where it cannot be compiled (the workers
 * then round with the JavaScript loop: the same bits).
 */
function compileRoundWasm(): object | undefined {
  try {
    const api = (globalThis as { WebAssembly?: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;
    return api ? new api.Module(Buffer.from(BF16_ROUND_WASM_BASE64, 'base64')) : undefined;
  } catch {
    return undefined;
  }
}

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

/**
 * Splits the options of a float32-capable fill: whether it stores bfloat16 (checked against `out`), and the
 * remaining {@link FillOptions}, validated by the Rng method.
 */
function bfloat16Request(
  out: unknown,
  options: ParallelFillOptions | undefined,
): { bf16: boolean; options: FillOptions | undefined } {
  const o = checkOptions(options, 'options', ['offset', 'bfloat16']);
  const bf16 = o?.bfloat16 ?? false;
  if (typeof bf16 !== 'boolean') {
    throw new RngError('INVALID_ARGUMENT', 'bfloat16', `expected a boolean, got ${describe(bf16)}`);
  }
  if (bf16 && !(out instanceof Uint16Array)) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'out',
      `with bfloat16: true, expected a Uint16Array for the bit patterns, got ${describe(out)}`,
    );
  }
  if (!bf16 && out instanceof Uint16Array) {
    throw new RngError(
      'INVALID_ARGUMENT',
      'out',
      'a Uint16Array holds bfloat16 bit patterns: pass { bfloat16: true }, or use a Float32Array or Float64Array',
    );
  }
  return { bf16, options: o && 'offset' in o ? { offset: o.offset as number } : undefined };
}

/** The float32 array a bfloat16 fill is validated with: a view of zero length. */
const NO_FLOAT32 = new Float32Array(0);

function dtypeOf(out: Out, bf16: boolean): 'float32' | 'float64' | 'uint8' | 'bfloat16' {
  if (bf16) return 'bfloat16';
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
 * start + a_t .. start + a_{t+1} - 1 (the `offset` mechanism), so the result does not depend on T. bfloat16:
 * out[j] = (x_j + 0x7fff + ((x_j >> 16) & 1)) >> 16 for the float32 bits x_j, (x_j >> 16) | 0x40 for NaN.
 *
 * @param options - `threads` (default: available parallelism), `minParallelLength` (default 262144),
 *   `callerShare` (default true)
 * @returns a {@link ParallelFiller}; call `close()` when done
 * @throws RngError `INVALID_ARGUMENT` (argument `options`, `threads` or `minParallelLength`) for bad options,
 *   including keys other than `threads`, `minParallelLength` and `callerShare` ("did you mean" for a close
 *   one), a non-boolean `callerShare` (argument `callerShare`),
 *   `NOT_FINITE` for NaN or infinite counts; the fills
 *   throw like their Rng counterparts, and `UNSUPPORTED` (argument `rng`) for non-Philox streams; with
 *   `{ bfloat16: true }` (uniform, normal, truncated normal) `out` must be a `Uint16Array` and without it must not
 *   be one (`INVALID_ARGUMENT`, argument `out`), `bfloat16` must be a boolean (argument `bfloat16`)
 * @example
 * ```ts
 * import { createRng } from '@init/rng';
 * import { createParallelFiller } from '@init/rng/node';
 * const filler = createParallelFiller({ threads: 2 });
 * const w = await filler.fillNormal(createRng(42), new Float32Array(4096 * 4096), 0, 0.02);
 * // w equals createRng(42).fillNormal(new Float32Array(4096 * 4096), 0, 0.02) bit for bit => true
 * const half = await filler.fillNormal(createRng(42), new Uint16Array(4096 * 4096), 0, 0.02, { bfloat16: true });
 * // half equals float32ToBfloat16(w) of @init/schemes (round to nearest even) bit for bit => true
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
            round: compileRoundWasm(),
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

  // Fills in flight per worker: a worker keeps the process alive (ref) while any of its fills is pending, so
  // overlapping fills (a pipeline that runs ahead) never let the process exit with a promise unsettled.
  const busy = new Map<Worker, number>();

  function runOn(worker: Worker, message: Record<string, unknown>): Promise<void> {
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      const settle = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        const left = (busy.get(worker) ?? 1) - 1;
        busy.set(worker, left);
        if (left === 0) worker.unref();
      };
      const onMessage = (m: { type: string; id: number }) => {
        if (m.type === 'done' && m.id === id) {
          settle();
          resolve();
        }
      };
      const onError = (e: unknown) => {
        settle();
        reject(e);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      worker.ref();
      worker.postMessage({ ...message, id });
    });
  }

  /** The fill of out[0 ..) from stream index `start` on the calling thread (bfloat16: 16384 values a step). */
  function local(task: Task, out: Out, start: number, bf16: boolean): void {
    if (!bf16) {
      task.local(out as Exclude<Out, Uint16Array>, start);
      return;
    }
    const scratch = new Float32Array(Math.min(out.length, BF16_STEP));
    for (let j = 0; j < out.length; j += BF16_STEP) {
      const values = scratch.subarray(0, Math.min(BF16_STEP, out.length - j));
      task.local(values, start + j);
      storeBfloat16(values, out as Uint16Array, j);
    }
  }

  async function run<T extends Out>(
    rng: ClaimingRng,
    out: T,
    offset: number | undefined,
    task: Task,
    bf16 = false,
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
      local(task, out, start, bf16);
      return out;
    }
    workers ??= startWorkers();
    const pool = await workers;
    if (pool.length === 0) {
      local(task, out, start, bf16);
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
          dtype: dtypeOf(out, bf16),
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
    if (callerShare) local(task, target.subarray(0, Math.min(n, step)), start, bf16);
    await Promise.all(pending);
    if (target !== out) out.set(target);
    return out;
  }

  return {
    threads,
    async fillUniform<T extends FloatArray | Uint16Array>(
      rng: Rng,
      out: T,
      low = 0,
      high = 1,
      parallelOptions?: ParallelFillOptions,
    ) {
      const r = philox(rng);
      checkView(out);
      const { bf16, options: fillOptions } = bfloat16Request(out, parallelOptions);
      const probe = bf16 ? NO_FLOAT32 : (out as FloatArray).subarray(0, 0);
      r.fillUniform(probe, low, high, validationOptions(fillOptions, out.length)); // validates every argument, writes nothing
      const f32 = bf16 || out instanceof Float32Array;
      const p = uniformParams(low, high, f32);
      return run(
        r,
        out,
        fillOptions?.offset,
        {
          kind: f32 ? 'uniform32' : 'uniform64',
          perBlock: f32 ? 4 : 2,
          params: f32 ? [p.low, p.span, p.minV, p.maxV] : [p.low, p.span, p.maxV],
          local: (view, offset) => r.fillUniform(view as FloatArray, low, high, { offset }),
        },
        bf16,
      );
    },
    async fillNormal<T extends FloatArray | Uint16Array>(
      rng: Rng,
      out: T,
      mean = 0,
      std = 1,
      parallelOptions?: ParallelFillOptions,
    ) {
      const r = philox(rng);
      checkView(out);
      const { bf16, options: fillOptions } = bfloat16Request(out, parallelOptions);
      const probe = bf16 ? NO_FLOAT32 : (out as FloatArray).subarray(0, 0);
      r.fillNormal(probe, mean, std, validationOptions(fillOptions, out.length));
      const f32 = bf16 || out instanceof Float32Array;
      return run(
        r,
        out,
        fillOptions?.offset,
        {
          kind: f32 ? 'normal32' : 'normal64',
          perBlock: f32 ? 4 : 2,
          params: [mean, std],
          local: (view, offset) => r.fillNormal(view as FloatArray, mean, std, { offset }),
        },
        bf16,
      );
    },
    async fillTruncatedNormal<T extends FloatArray | Uint16Array>(
      rng: Rng,
      out: T,
      mean: number,
      std: number,
      lower: number,
      upper: number,
      parallelOptions?: ParallelFillOptions,
    ) {
      const r = philox(rng);
      checkView(out);
      const { bf16, options: fillOptions } = bfloat16Request(out, parallelOptions);
      r.fillTruncatedNormal(
        bf16 ? NO_FLOAT32 : (out as FloatArray).subarray(0, 0),
        mean,
        std,
        lower,
        upper,
        validationOptions(fillOptions, out.length),
      );
      const f32 = bf16 || out instanceof Float32Array;
      const p = truncatedParams(mean, std, lower, upper, f32);
      const localFill = (view: Float32Array | Float64Array | Uint8Array, offset: number) =>
        r.fillTruncatedNormal(view as FloatArray, mean, std, lower, upper, { offset });
      if (!p.plan) {
        return run(
          r,
          out,
          fillOptions?.offset,
          {
            kind: 'truncated',
            perBlock: 1,
            params: [],
            local: p.far ? localFill : (v) => v.fill(p.constant),
            localOnly: true,
          },
          bf16,
        );
      }
      const plan = p.plan;
      return run(
        r,
        out,
        fillOptions?.offset,
        {
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
          local: localFill,
        },
        bf16,
      );
    },
    async fillBernoulli(rng, out, prob, fillOptions) {
      const r = philox(rng);
      checkView(out);
      if (out instanceof Uint16Array) {
        throw new RngError(
          'INVALID_ARGUMENT',
          'out',
          'expected a Float32Array, Float64Array or Uint8Array, got a Uint16Array',
        );
      }
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
