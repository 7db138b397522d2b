import { chunkGenerator, InitError, parameterStream, type Seed } from '@init/schemes';
import { AdvisorError } from './errors';
import { nearestKey } from './model-config-keys';
import type { ModelParameters, ParameterSpec, TiedParameter } from './model-parameters';
import { type ModelSource, modelParameters } from './model-source';
import { zeroPaddingRow } from './padding-row';

/** Options of {@link materialize}. */
export interface MaterializeOptions {
  /** Seed of the model; each parameter's stream is forked from it by name. Default 0. */
  seed?: Seed;
  /** Element type of the arrays: `'float32'` (default) or `'float64'`. */
  dtype?: 'float32' | 'float64';
  /** Largest number of elements to hold in memory (default 2^28, 1 GiB of float32); stream bigger models to disk. */
  maxElements?: number;
}

/** One generated tensor. */
export interface MaterializedTensor extends ParameterSpec {
  readonly data: Float32Array | Float64Array;
}

/** What {@link materialize} returns. */
export interface MaterializedModel {
  readonly tensors: readonly MaterializedTensor[];
  readonly tied: readonly TiedParameter[];
  readonly notes: readonly string[];
  /** Total number of elements. */
  readonly elements: number;
}

const OPTION_KEYS = ['seed', 'dtype', 'maxElements'];

/**
 * Checks a model seed: a non-negative safe integer, a bigint or a string of at most 1000 characters (default 0).
 *
 * @param seed - the seed, or undefined
 * @returns the seed
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `seed`) otherwise
 * @example
 * ```ts
 * checkSeed(undefined); // => 0
 * ```
 */
export function checkSeed(seed: unknown): Seed {
  if (seed === undefined) return 0;
  if (typeof seed === 'bigint' || (typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0))
    return seed;
  if (typeof seed === 'string' && seed.length <= 1000) return seed;
  throw new AdvisorError(
    'INVALID_ARGUMENT',
    'seed',
    'must be a non-negative safe integer, a bigint or a string',
  );
}

/**
 * The chunk generator of one parameter: elements [start, start + n) from its scheme and its stream
 * `parameterStream(seed, name)`, the same bits in memory, on disk, in any chunk, on any machine. With a
 * `paddingRow` r, `fill` then sets that row's elements (`[r·w, (r+1)·w)`, w the product of the other
 * dimensions) to zero; `plan` describes the scheme's values before that.
 *
 * @param p - `{ name, shape, init, layout?, paddingRow? }`, checked as a list entry of `modelParameters`
 * @param seed - the model seed
 * @param dtype - `'float32'` or `'float64'`
 * @returns a chunk generator of @init/schemes (`fill(out, start)`, `plan`, `length`)
 * @throws {AdvisorError} `INVALID_ARGUMENT` for a bad entry, seed or dtype; scheme errors under `<name>.<argument>`
 * @example
 * ```ts
 * fillParameter({ name: 'b', shape: [3], init: { name: 'ones' } }, 0, 'float32').fill(new Float32Array(2), 1); // => Float32Array [1, 1]
 * ```
 */
export function fillParameter(p: ParameterSpec, seed: Seed, dtype: 'float32' | 'float64') {
  const spec = modelParameters([p] as ParameterSpec[]).parameters[0] as ParameterSpec;
  const s = checkSeed(seed);
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new AdvisorError('INVALID_ARGUMENT', 'dtype', "must be 'float32' or 'float64'");
  try {
    const gen = chunkGenerator(spec.init, spec.shape, parameterStream(s, spec.name), {
      dtype,
      ...(spec.layout !== undefined ? { layout: spec.layout } : {}),
    });
    if (spec.paddingRow === undefined) return gen;
    return {
      ...gen,
      fill<T extends Float32Array | Float64Array>(out: T, start: number): T {
        gen.fill(out, start);
        zeroPaddingRow(spec, out, start);
        return out;
      },
    };
  } catch (e) {
    if (e instanceof InitError) {
      throw new AdvisorError(
        e.code === 'UNSUPPORTED' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
        `${spec.name}.${e.argument}`,
        e.message,
      );
    }
    throw new AdvisorError('INVALID_ARGUMENT', spec.name, 'cannot generate this parameter');
  }
}

/**
 * Generates a model's initial weights in memory: every tensor of a plan, a list, a GPT-2 or a LLaMA config.
 *
 * Formula: tensor `name` = `fromConfig(init)(shape, createRng(seed).fork(name))`, so a tensor depends only on
 * (seed, name, shape, init) and equals the same tensor streamed to disk by `materializeToDisk` of
 * `@init/advisor/node`.
 *
 * @param source - see `modelParameters`
 * @param options - `seed` (default 0), `dtype` (`'float32'` default, `'float64'`), `maxElements` (default 2^28)
 * @returns the tensors in checkpoint order, tied parameters (not generated) and notes
 * @throws {AdvisorError} as `modelParameters`; `INVALID_ARGUMENT` for unknown options or a bad seed/dtype;
 *   `TOO_LARGE` (argument `model`) for more than `maxElements` elements
 * @example
 * ```ts
 * const m = materialize({ n_layer: 1, n_head: 1, n_embd: 4, vocab_size: 8, n_positions: 4 }, { seed: 1 });
 * [m.tensors.length, m.elements, m.tied[0].name]; // => [16, 300, 'lm_head.weight']
 * ```
 */
export function materialize(source: ModelSource, options: MaterializeOptions = {}): MaterializedModel {
  if (options === null || typeof options !== 'object')
    throw new AdvisorError('INVALID_ARGUMENT', 'options', 'must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      const near = nearestKey(key, OPTION_KEYS);
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `options.${key.slice(0, 40)}`,
        `unknown option${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${OPTION_KEYS.join(', ')}`,
      );
    }
  }
  const seed = checkSeed(options.seed);
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new AdvisorError('INVALID_ARGUMENT', 'dtype', "must be 'float32' or 'float64'");
  const max = options.maxElements ?? 2 ** 28;
  if (!Number.isSafeInteger(max) || max < 0)
    throw new AdvisorError('INVALID_ARGUMENT', 'maxElements', 'must be a non-negative integer');
  const model: ModelParameters = modelParameters(source);
  let elements = 0;
  for (const p of model.parameters) elements += p.shape.reduce((a, b) => a * b, 1);
  if (elements > max) {
    throw new AdvisorError(
      'TOO_LARGE',
      'model',
      `has ${elements} elements; in memory at most maxElements = ${max}: stream it with materializeToDisk`,
    );
  }
  const tensors = model.parameters.map((p) => {
    const gen = fillParameter(p, seed, dtype);
    const data = gen.fill(
      dtype === 'float32' ? new Float32Array(gen.length) : new Float64Array(gen.length),
      0,
    );
    return { ...p, data };
  });
  return { tensors, tied: model.tied, notes: model.notes, elements };
}
