import { InitError } from './errors';
import { type Fans, fansOf } from './fans';
import { type Layout, type LayoutSpec, parseLayout } from './layout';
import { checkExtents, checkSize, type Extent } from './limits';
import { checkOptionKeys } from './option-keys';
import { MULTIPLIER_PARAM, type ParamSpec, type Params, parseParams } from './params';
import { type RandomSource, type Rng, resolveSource, type Seed } from './random-source';
import { checkShape, numel, type Shape } from './shape';
import {
  allocateFloats,
  checkDtype,
  checkOut,
  type Dtype,
  type DtypeArray,
  type FloatArray,
  type Tensor,
} from './tensor';

/** A JSON-serializable scheme configuration: a registry `name` and snake_case parameters. */
export interface SchemeConfig {
  name: string;
  [param: string]: unknown;
}

/** What an initializer does to a given shape, for the advisor, the docs and the playground. */
export interface SchemeDescription {
  /** Canonical registry name. */
  name: string;
  /** The rule in plain text, with this shape's numbers where they apply. */
  formula: string;
  /** fan_in of the shape under the layout (undefined when the layout defines no fans, e.g. rank 1 in torch). */
  fanIn: number | undefined;
  /** fan_out of the shape under the layout (undefined when the layout defines no fans). */
  fanOut: number | undefined;
  /** The fan the scale was computed from (fan_in, fan_out, their mean or geometric mean), if any. */
  fanUsed?: number;
  /** The gain applied, if the scheme has one. */
  gain?: number;
  /** Mean of the distribution, if it is not 0. */
  mean?: number;
  /** Standard deviation parameter of a normal (for a truncated normal: before truncation), multiplier included. */
  std?: number;
  /**
   * Half-width of a symmetric uniform; for a truncated normal cut symmetrically about its mean, the
   * upper cut-off in absolute units (the cut is at `mean ± (bound − mean)`). Multiplier included.
   */
  bound?: number;
  /** `'uniform'`, `'normal'`, `'truncated_normal'`, `'constant'`, `'orthogonal'`, `'sparse'`, `'deterministic'`... */
  distribution: string;
  /** Cross-framework remarks, guards that applied, the multiplier. */
  notes: string[];
}

/** Options of an initializer call; `D` is the dtype it asks for. */
export interface InitOptions<D extends Dtype = Dtype> {
  /** Element type of the result. Default `'float32'`. */
  dtype?: D;
  /** Weight layout. Default `'torch'` (`[out, in, ...kernel]`). */
  layout?: Layout;
  /** `true` turns the torch layout into `'torch_transposed'`. Default false. */
  transposed?: boolean;
}

/** Options of {@link Initializer.fill} and {@link Initializer.describe}. */
export type FillOptions = Omit<InitOptions, 'dtype'>;

const CALL_KEYS: readonly string[] = ['dtype', 'layout', 'transposed'];
const FILL_KEYS: readonly string[] = ['layout', 'transposed'];

/**
 * A configured initialization scheme. Call it to allocate a tensor, or `fill` a buffer in place.
 * Random schemes need `rng` (an `Rng`, which is advanced, or a seed); deterministic ones ignore it.
 * The data of a call is typed by its dtype: `Float32Array` by default, `Float64Array` for
 * `{ dtype: 'float64' }`.
 */
export interface Initializer {
  <D extends Dtype = 'float32'>(
    shape: Shape,
    rng?: Rng | Seed,
    options?: InitOptions<D>,
  ): Tensor<DtypeArray<D>>;
  /** Fills `out` (exactly `numel(shape)` long) in place and returns it. */
  fill<T extends FloatArray>(out: T, shape: Shape, rng?: Rng | Seed, options?: FillOptions): T;
  /** The formula, fans and scale this scheme uses for `shape`. */
  describe(shape: Shape, options?: FillOptions): SchemeDescription;
  /** The full configuration (every parameter, defaults resolved), accepted by `fromConfig`. */
  readonly config: SchemeConfig;
  /** Whether the scheme draws random numbers. */
  readonly stochastic: boolean;
}

/** The part of a description a scheme computes for one shape. */
export type PreparedDescription = Omit<SchemeDescription, 'name' | 'fanIn' | 'fanOut' | 'notes'> & {
  fans?: Fans;
  notes?: string[];
};

/** A scheme bound to one shape and layout. */
export interface Prepared {
  readonly description: PreparedDescription;
  /** Bounds on the magnitude of what `run` writes, checked against the dtype before it runs. */
  readonly extents: readonly Extent[];
  /**
   * Writes every element of `out` (length `numel(shape)`, never 0). `source` is set for random schemes:
   * a single fill goes through the samplers, anything more through `streamOf(source)`.
   */
  run(out: FloatArray, source: RandomSource): void;
  /**
   * Refuses (throws InitError `TOO_LARGE`) a run whose working memory cannot be had, before the output is
   * allocated; `describe` never calls it, so a huge shape can still be described.
   */
  checkWork?(): void;
}

/** Everything the registry knows about one scheme. */
export interface SchemeDefinition {
  /** Canonical snake_case name. */
  readonly name: string;
  /** Other names accepted by `fromConfig` (snake_case; camelCase is derived). */
  readonly aliases: readonly string[];
  /** Parameters (without `multiplier`, which every scheme has). */
  readonly params: readonly ParamSpec[];
  /** The rule, in plain text. */
  readonly formula: string;
  /** One line on when to reach for it. */
  readonly whenToUse: string;
  /** Whether it draws random numbers. */
  readonly stochastic: boolean;
  /** Cross-parameter checks run once when the initializer is built (throws InitError). */
  check?(p: Params): void;
  /** Binds parameters, shape and layout; validates rank; computes scales. */
  prepare(p: Params, shape: number[], layout: LayoutSpec, multiplier: number): Prepared;
}

const CODES: readonly string[] = [
  'INVALID_ARGUMENT',
  'SHAPE_MISMATCH',
  'UNSUPPORTED',
  'NOT_FINITE',
  'TOO_LARGE',
];

/**
 * Runs a prepared scheme. A typed error from a lower package (an `@init/rng` or `@init/linalg`
 * error with a `code` and an `argument`, e.g. when `std · multiplier` overflows to Infinity) is
 * re-thrown as an {@link InitError} with the same code and argument, so callers see one class.
 */
function runPrepared(prepared: Prepared, out: FloatArray, source: RandomSource, scheme: string): void {
  try {
    prepared.run(out, source);
  } catch (e) {
    if (e instanceof InitError || !(e instanceof Error)) throw e;
    const { code, argument } = e as Error & { code?: unknown; argument?: unknown };
    if (typeof code === 'string' && CODES.includes(code) && typeof argument === 'string') {
      throw new InitError(
        code as InitError['code'],
        argument,
        `${scheme}: the scaled parameters are out of range (${e.message})`,
      );
    }
    throw e;
  }
}

function freezeConfig(config: SchemeConfig): SchemeConfig {
  for (const v of Object.values(config)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(config);
}

/** Builds an initializer from a definition and raw (snake or camel case) parameters. */
export function createInitializer(def: SchemeDefinition, raw: unknown): Initializer {
  const specs = [...def.params, MULTIPLIER_PARAM];
  const params = parseParams(def.name, specs, raw);
  def.check?.(params);
  const multiplier = params.multiplier as number;
  const config: SchemeConfig = { name: def.name };
  for (const spec of specs) {
    const v = params[spec.name];
    config[spec.name] = Array.isArray(v) ? [...v] : v;
  }

  const bind = (shape: unknown, options: FillOptions | undefined): { s: number[]; prepared: Prepared } => {
    const s = checkShape(shape);
    const spec = parseLayout(options);
    const prepared = def.prepare(params, s, spec, multiplier);
    // Whatever the dtype, the values must be finite in double precision.
    checkExtents(prepared.extents, 'float64', def.name);
    return { s, prepared };
  };
  const rngFor = (rng: unknown): RandomSource =>
    def.stochastic ? resolveSource(rng, def.name) : (undefined as unknown as RandomSource);

  const call = (shape: Shape, rng?: Rng | Seed, options?: InitOptions): Tensor => {
    const o = checkOptionKeys(
      options,
      CALL_KEYS,
      'options',
      `an option of an initializer call (${def.name})`,
    );
    const dtype = checkDtype(o.dtype);
    const { s, prepared } = bind(shape, o);
    const n = checkSize(s);
    checkExtents(prepared.extents, dtype, def.name);
    prepared.checkWork?.();
    const r = rngFor(rng);
    const data = allocateFloats(dtype, n, `[${s.join(', ')}]`);
    if (n > 0) runPrepared(prepared, data, r, def.name);
    return { data, shape: s, dtype };
  };
  const fill = <T extends FloatArray>(out: T, shape: Shape, rng?: Rng | Seed, options?: FillOptions): T => {
    const o = checkOptionKeys(options, FILL_KEYS, 'options', `an option of fill (${def.name})`);
    const { s, prepared } = bind(shape, o);
    checkOut(out, numel(s));
    const n = checkSize(s);
    checkExtents(prepared.extents, out instanceof Float32Array ? 'float32' : 'float64', def.name);
    prepared.checkWork?.();
    const r = rngFor(rng);
    if (n > 0) runPrepared(prepared, out, r, def.name);
    return out;
  };
  const describe = (shape: Shape, options?: FillOptions): SchemeDescription => {
    const o = checkOptionKeys(options, FILL_KEYS, 'options', `an option of describe (${def.name})`);
    const { s, prepared } = bind(shape, o);
    const { fans: given, notes, ...rest } = prepared.description;
    let fans = given;
    if (!fans) {
      try {
        fans = fansOf(s, parseLayout(o));
      } catch {
        fans = undefined;
      }
    }
    const allNotes = [...(notes ?? [])];
    if (multiplier !== 1) allNotes.push(`multiplier ${multiplier} applied to every value`);
    if (numel(s) === 0) allNotes.push('zero-size shape: the output is empty');
    return { name: def.name, ...rest, fanIn: fans?.fanIn, fanOut: fans?.fanOut, notes: allNotes };
  };
  return Object.assign(call as Initializer, {
    fill,
    describe,
    config: freezeConfig(config),
    stochastic: def.stochastic,
  });
}
