import { isRng } from '@init/rng';
import { describeValue, InitError } from './errors';
import type { InitOptions, SchemeConfig } from './initializer';
import { parseLayout } from './layout';
import { MULTIPLIER_PARAM, parseParams } from './params';
import type { Rng } from './random-source';
import { fromConfig, schemeDefinition } from './registry';
import { checkShape, numel } from './shape';
import { checkDtype, type Dtype, type FloatArray } from './tensor';

/** Rng fills a chunk plan may name; each takes `(out, ...args, { offset })`. */
export type ChunkFillMethod = 'fillNormal' | 'fillUniform' | 'fillTruncatedNormal';

/**
 * How a tensor's values are produced chunk by chunk (JSON-serializable, so a worker can run it):
 * - `rng`: every value is one draw of `method(args)` at stream index = element index;
 * - `constant`: every value equals `value`;
 * - `whole`: the scheme is not elementwise (orthogonal, identity, sparse...) or the stream is not
 *   counter-based, so the tensor is generated whole and chunks are slices of it.
 */
export type ChunkPlan =
  | { kind: 'rng'; method: ChunkFillMethod; args: number[] }
  | { kind: 'constant'; value: number }
  | { kind: 'whole' };

/** A tensor bound to its scheme and stream, produced in element ranges. */
export interface ChunkGenerator {
  /** The tensor's shape. */
  readonly shape: number[];
  /** numel(shape). */
  readonly length: number;
  /** Element type of the values. */
  readonly dtype: Dtype;
  /** How chunks are produced. */
  readonly plan: ChunkPlan;
  /**
   * Writes elements [start, start + out.length) of the tensor into `out` (a Float32Array for float32,
   * Float64Array for float64) and returns it.
   */
  fill<T extends FloatArray>(out: T, start: number): T;
}

/** Canonical names of schemes whose every value is one independent draw (or one constant). */
const ELEMENTWISE = new Set([
  'zeros',
  'ones',
  'constant',
  'uniform',
  'normal',
  'truncated_normal',
  'random_small',
  'variance_scaling',
  'xavier_uniform',
  'xavier_normal',
  'xavier_truncated_normal',
  'he_uniform',
  'he_normal',
  'he_truncated_normal',
  'lecun_uniform',
  'lecun_normal',
  'lecun_truncated_normal',
]);

const METHODS: readonly ChunkFillMethod[] = ['fillNormal', 'fillUniform', 'fillTruncatedNormal'];
const ERROR_CODES: readonly string[] = ['INVALID_ARGUMENT', 'SHAPE_MISMATCH', 'UNSUPPORTED', 'NOT_FINITE'];

/** A stand-in stream that records the one fill call a scheme makes and draws nothing. */
function recorder(probe: FloatArray): {
  rng: Rng;
  calls: { method: string; args: unknown[]; out: unknown }[];
} {
  const calls: { method: string; args: unknown[]; out: unknown }[] = [];
  const record =
    (method: string) =>
    (out: unknown, ...args: unknown[]): unknown => {
      calls.push({ method, args, out });
      if (out === probe) probe.fill(0);
      return out;
    };
  const other = (method: string) => () => {
    calls.push({ method, args: [], out: undefined });
    return 0;
  };
  const rng = {
    algorithm: 'philox',
    fillNormal: record('fillNormal'),
    fillUniform: record('fillUniform'),
    fillTruncatedNormal: record('fillTruncatedNormal'),
    fillBernoulli: record('fillBernoulli'),
    nextUint32: other('nextUint32'),
    random: other('random'),
    uniform: other('uniform'),
    normal: other('normal'),
    truncatedNormal: other('truncatedNormal'),
    integer: other('integer'),
    bernoulli: other('bernoulli'),
    permutation: other('permutation'),
    shuffle: other('shuffle'),
    sample: other('sample'),
    split: other('split'),
    fork: other('fork'),
    getState: other('getState'),
  };
  return { rng: rng as unknown as Rng, calls };
}

/** Works out how the scheme fills one element, by running it on a one-element probe with a recording stream. */
function planFor(
  config: SchemeConfig,
  shape: number[],
  dtype: Dtype,
  options: InitOptions,
  rng: Rng | undefined,
): ChunkPlan {
  const init = fromConfig(config);
  if (!ELEMENTWISE.has(init.config.name)) return { kind: 'whole' };
  if (init.stochastic && rng?.algorithm !== 'philox') return { kind: 'whole' };
  const def = schemeDefinition(init.config.name);
  const params = parseParams(def.name, [...def.params, MULTIPLIER_PARAM], init.config);
  const prepared = def.prepare(params, shape, parseLayout(options), params.multiplier as number);
  const probe = dtype === 'float32' ? new Float32Array(1) : new Float64Array(1);
  const { rng: rec, calls } = recorder(probe);
  prepared.run(probe, rec);
  if (calls.length === 0) return { kind: 'constant', value: probe[0] as number };
  const call = calls[0];
  if (
    calls.length !== 1 ||
    call === undefined ||
    call.out !== probe ||
    !(METHODS as string[]).includes(call.method) ||
    !call.args.every((a) => typeof a === 'number')
  ) {
    return { kind: 'whole' };
  }
  return { kind: 'rng', method: call.method as ChunkFillMethod, args: call.args as number[] };
}

/** Re-throws a typed error of `@init/rng` as an InitError with the same code and argument. */
export function asInitError(e: unknown, scheme: string): unknown {
  if (e instanceof InitError || !(e instanceof Error)) return e;
  const { code, argument } = e as Error & { code?: unknown; argument?: unknown };
  if (typeof code === 'string' && ERROR_CODES.includes(code) && typeof argument === 'string') {
    return new InitError(
      code as InitError['code'],
      argument,
      `${scheme}: the scaled parameters are out of range (${e.message})`,
    );
  }
  return e;
}

/**
 * Runs one chunk of a {@link ChunkPlan} of kind `rng` or `constant` into `out`: elements
 * [start, start + out.length).
 *
 * @param plan - the `plan` of a {@link ChunkGenerator}
 * @param rng - the tensor's stream (for plans of kind `rng`)
 * @param out - destination, Float32Array or Float64Array as the plan was made for
 * @param start - index of the first element
 * @returns `out`
 * @throws {InitError} `INVALID_ARGUMENT` for a plan of kind `whole` (it has no per-element rule), a bad plan, `out`,
 *   `start` or stream; rng errors propagate
 * @example
 * ```ts
 * fillChunk({ kind: 'constant', value: 2 }, createRng(1), new Float32Array(2), 0); // => Float32Array [2, 2]
 * ```
 */
export function fillChunk<T extends FloatArray>(plan: ChunkPlan, rng: Rng, out: T, start: number): T {
  if (plan === null || typeof plan !== 'object' || !['rng', 'constant', 'whole'].includes(plan.kind)) {
    throw new InitError('INVALID_ARGUMENT', 'plan', 'must be the plan of a chunkGenerator');
  }
  if (!(out instanceof Float32Array) && !(out instanceof Float64Array)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'out',
      `must be a Float32Array or Float64Array, got ${describeValue(out)}`,
    );
  }
  if (!Number.isSafeInteger(start) || start < 0) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'start',
      `must be a non-negative integer, got ${describeValue(start)}`,
    );
  }
  if (
    plan.kind === 'rng' &&
    (!isRng(rng) || !(METHODS as string[]).includes(plan.method) || !Array.isArray(plan.args))
  ) {
    throw new InitError(
      'INVALID_ARGUMENT',
      plan.kind === 'rng' && !isRng(rng) ? 'rng' : 'plan',
      'needs an Rng stream and a fill method of the plan',
    );
  }
  if (plan.kind === 'constant') return out.fill(plan.value) as T;
  if (plan.kind === 'whole')
    throw new InitError('INVALID_ARGUMENT', 'plan', "a 'whole' plan has no per-element rule");
  const r = rng as unknown as Record<ChunkFillMethod, (...a: unknown[]) => unknown>;
  r[plan.method](out, ...plan.args, { offset: start });
  return out;
}

/**
 * Binds a scheme config, a shape and a stream so the tensor can be produced in element ranges, each
 * range identical, bit for bit, to the same slice of `fromConfig(config)(shape, rng)`.
 *
 * Formula: for elementwise schemes (normal, uniform, truncated normal, the fan-scaled He/Xavier/LeCun
 * family, variance scaling, constants) element i is the Philox stream's value at index i, so a chunk
 * [start, start + n) is one fill with `offset = start`. Other schemes (orthogonal, identity, sparse...)
 * or sequential streams are generated whole on the first call and sliced; their memory is the whole tensor.
 * The values are those of a stream at its start (a fresh stream or a `fork`), and `rng` is never advanced.
 *
 * @param config - a scheme config accepted by `fromConfig` (`{ name: 'normal', std: 0.02 }`)
 * @param shape - the tensor's shape
 * @param rng - the tensor's own stream, e.g. `createRng(seed).fork(name)` (ignored by deterministic schemes)
 * @param options - `dtype` (`'float32'` default or `'float64'`), `layout`, `transposed`, as for initializers
 * @returns a {@link ChunkGenerator}
 * @throws {InitError} as `fromConfig` and the scheme for this shape; `INVALID_ARGUMENT` (argument `rng`) for a
 *   missing stream of a random scheme, (argument `start`/`out`) when a chunk is out of range
 * @example
 * ```ts
 * const gen = chunkGenerator({ name: 'normal', std: 0.02 }, [1000, 10], createRng(7).fork('w'));
 * const part = gen.fill(new Float32Array(100), 500);
 * const whole = fromConfig({ name: 'normal', std: 0.02 })([1000, 10], createRng(7).fork('w')).data;
 * part.every((v, i) => Object.is(v, whole[500 + i])); // => true
 * gen.plan; // => { kind: 'rng', method: 'fillNormal', args: [0, 0.02] }
 * ```
 */
export function chunkGenerator(
  config: SchemeConfig,
  shape: readonly number[],
  rng?: Rng,
  options: InitOptions = {},
): ChunkGenerator {
  if (options === null || typeof options !== 'object') {
    throw new InitError('INVALID_ARGUMENT', 'options', `must be an object, got ${describeValue(options)}`);
  }
  const dtype = checkDtype(options.dtype);
  const s = checkShape(shape);
  const length = numel(s);
  const init = fromConfig(config);
  if (init.stochastic && !isRng(rng)) {
    throw new InitError(
      'INVALID_ARGUMENT',
      'rng',
      `${init.config.name} is random: pass the tensor's Rng stream`,
    );
  }
  const layoutOptions = {
    ...(options.layout !== undefined ? { layout: options.layout } : {}),
    ...(options.transposed !== undefined ? { transposed: options.transposed } : {}),
  };
  init.describe(s, layoutOptions); // validates the shape for this scheme before any chunk is asked for
  const plan = planFor(config, s, dtype, layoutOptions, rng);
  let whole: FloatArray | undefined;
  const fill = <T extends FloatArray>(out: T, start: number): T => {
    const Type = dtype === 'float32' ? Float32Array : Float64Array;
    if (!(out instanceof Type)) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'out',
        `must be a ${Type.name} for dtype ${dtype}, got ${describeValue(out)}`,
      );
    }
    if (!Number.isSafeInteger(start) || start < 0 || start + out.length > length) {
      throw new InitError(
        'INVALID_ARGUMENT',
        'start',
        `elements [${describeValue(start)}, +${out.length}) do not lie in [0, ${length})`,
      );
    }
    if (out.length === 0) return out;
    if (plan.kind === 'whole') {
      whole ??= init(s, rng, { dtype, ...layoutOptions }).data;
      out.set(whole.subarray(start, start + out.length));
      return out;
    }
    try {
      return fillChunk(plan, rng as Rng, out, start);
    } catch (e) {
      throw asInitError(e, init.config.name);
    }
  };
  return { shape: s, length, dtype, plan, fill };
}
