import { LinalgError } from '@init/linalg';
import type { Rng, Seed } from '@init/rng';
import { isContainer, type LayerObserver, leafLayers } from './container';
import { describeValue, NnError, NonFiniteError } from './errors';
import { formatInitRecords, type InitRecord, type InitSpec, initialize } from './init';
import type { Layer, LayerConfig, Parameter, Shape } from './layer';
import { checkOptions, checkShape, isRecord, numel, rawOption } from './options';
import { Sequential } from './sequential';

/** Options of {@link Model}. */
export interface ModelOptions {
  /** Per-sample input shape, e.g. `[784]` or `[1, 28, 28]`. */
  inputShape: readonly number[];
  /** How to initialize at construction: a spec for {@link Model.init}, or `'none'` (all zeros). Default `'auto'`. */
  init?: InitSpec | 'none';
  /** Seed or stream of the initialization. Default 0. */
  seed?: Rng | Seed;
  /** A name for descriptions and saved files. */
  name?: string;
}

/**
 * A GEMM overflow raised by a layer that calls `@init/linalg` directly becomes a
 * {@link NonFiniteError} without a layer (`layer: ''`); everything else passes through.
 */
function asNnError(e: unknown, phase: 'forward' | 'backward'): unknown {
  if (e instanceof LinalgError && e.code === 'NOT_FINITE') {
    return new NonFiniteError('', phase, `values overflow float32 in the ${phase} pass (${e.message})`);
  }
  return e;
}

/** Maximum batch size accepted by forward and backward (keeps every buffer allocatable). */
const MAX_BATCH = 1 << 20;

/**
 * A built network: a root layer (a {@link Sequential} when given an array), its input shape, its
 * parameters with unique dotted names, and how each was initialized.
 *
 * ```math
 * \hat y = f_\theta(x), \quad \theta = \{ p_1, \dots, p_n \}, \quad p_i \text{ named by its path}
 * ```
 *
 * @param root - A layer or an array of layers (wrapped in a Sequential; parameters `0.weight`, ...).
 * @param options - `inputShape` (required), `init` (default `'auto'`), `seed` (default 0), `name`.
 * @throws {NnError} `SHAPE_MISMATCH` from the layers' build (naming the layer); `INVALID_ARGUMENT`
 *   for duplicate parameter names or bad options; errors of {@link initialize}.
 * @example
 * ```ts
 * const model = new Model([new Dense({ units: 16 }), new Activation({ name: 'relu' }), new Dense({ units: 2 })], { inputShape: [2], seed: 7 });
 * model.outputShape; // => [2]
 * model.describeInit(); // table: 0.weight he_normal (auto, relu-he) ...
 * ```
 */
export class Model {
  readonly root: Layer;
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  readonly name: string | undefined;
  private readonly params: readonly Parameter[];
  private readonly records = new Map<string, InitRecord>();

  constructor(root: Layer | readonly Layer[], options: ModelOptions) {
    const o = checkOptions(options, ['inputShape', 'init', 'seed', 'name'], 'options');
    const inputShape = checkShape(rawOption(o, 'inputShape'), 'inputShape');
    const name = rawOption(o, 'name');
    if (name !== undefined && (typeof name !== 'string' || name.length > 200)) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'name',
        `must be a string of at most 200 characters, got ${describeValue(name)}`,
      );
    }
    this.name = name as string | undefined;
    const layer = Array.isArray(root) ? new Sequential(root as Layer[]) : root;
    if (!isRecord(layer) || typeof (layer as Partial<Layer>).build !== 'function') {
      throw new NnError('INVALID_ARGUMENT', 'root', 'must be a layer or an array of layers');
    }
    this.root = layer as Layer;
    this.inputShape = inputShape;
    this.outputShape = this.root.build(inputShape, '');
    this.params = this.root.parameters();
    const seen = new Set<string>();
    for (const p of [...this.params, ...this.root.buffers()]) {
      if (seen.has(p.name))
        throw new NnError('INVALID_ARGUMENT', 'root', `two parameters are named '${p.name}'; rename a layer`);
      seen.add(p.name);
    }
    const init = rawOption(o, 'init') ?? 'auto';
    if (init !== 'none') this.init(init as InitSpec, { rng: (rawOption(o, 'seed') ?? 0) as Rng | Seed });
  }

  /** Every trainable parameter, in a fixed order. */
  parameters(): readonly Parameter[] {
    return this.params;
  }

  /** Non-trainable state (BatchNorm running statistics). */
  buffers(): readonly Parameter[] {
    return this.root.buffers();
  }

  /** The leaf layers in forward order. */
  layers(): Layer[] {
    return leafLayers(this.root);
  }

  /** The layer at a dotted path (`''` for the root). */
  layer(path: string): Layer {
    const find = (l: Layer): Layer | undefined => {
      if (l.path === path) return l;
      for (const c of l.children()) {
        const f = find(c);
        if (f !== undefined) return f;
      }
      return undefined;
    };
    const found = typeof path === 'string' ? find(this.root) : undefined;
    if (found === undefined)
      throw new NnError('INVALID_ARGUMENT', 'path', `no layer at ${describeValue(path)}`);
    return found;
  }

  /** Number of values per input sample. */
  get inputSize(): number {
    return numel(this.inputShape);
  }

  /** Number of values per output sample. */
  get outputSize(): number {
    return numel(this.outputShape);
  }

  /** Total number of trainable values. */
  get parameterCount(): number {
    let n = 0;
    for (const p of this.params) n += p.value.length;
    return n;
  }

  private checkBatch(values: unknown, batch: unknown, size: number, argument: string): number {
    if (typeof batch !== 'number' || !Number.isSafeInteger(batch) || batch < 1 || batch > MAX_BATCH) {
      throw new NnError(
        'INVALID_ARGUMENT',
        'batch',
        `must be an integer in [1, ${MAX_BATCH}], got ${describeValue(batch)}`,
      );
    }
    if (!(values instanceof Float32Array))
      throw new NnError('INVALID_ARGUMENT', argument, `must be a Float32Array, got ${describeValue(values)}`);
    if (values.length !== batch * size) {
      throw new NnError(
        'SHAPE_MISMATCH',
        argument,
        `expected ${batch} x ${size} = ${batch * size} values, got ${values.length}`,
      );
    }
    return batch;
  }

  /**
   * Runs the network on `batch` samples (`x.length = batch · inputSize`) and returns the output
   * (`batch · outputSize` values, a buffer owned by the model, valid until the next call).
   *
   * @throws {NnError} `SHAPE_MISMATCH` for a wrong length, `INVALID_ARGUMENT` for a bad batch;
   *   {@link NonFiniteError} when a layer's arithmetic overflows float32.
   */
  forward(x: Float32Array, batch: number, training = false): Float32Array {
    this.checkBatch(x, batch, this.inputSize, 'x');
    try {
      return this.root.forward(x, batch, training);
    } catch (e) {
      throw asNnError(e, 'forward');
    }
  }

  /**
   * Back-propagates `dy` (`batch · outputSize` values) through the latest training-mode forward
   * pass, adding parameter gradients into `grad`; returns `dL/dx`. With `inputGrad` false (as
   * `fit` calls it) the layers up to the first one with parameters skip their input gradients,
   * which nothing uses (for an MLP on data, the product `dy W` of the first layer); the returned
   * buffer then has unspecified contents. Parameter gradients are the same bits either way.
   *
   * @param dy - `dL/d output`, `batch · outputSize` values.
   * @param batch - Batch size of the latest training-mode forward pass.
   * @param inputGrad - Whether `dL/dx` is needed. Default true.
   * @throws {NnError} `SHAPE_MISMATCH` for a wrong length; `INVALID_STATE` without a forward pass.
   */
  backward(dy: Float32Array, batch: number, inputGrad = true): Float32Array {
    this.checkBatch(dy, batch, this.outputSize, 'dy');
    try {
      return this.root.backward(dy, batch, inputGrad);
    } catch (e) {
      throw asNnError(e, 'backward');
    }
  }

  /** Sets every parameter gradient to 0 (in place). */
  zeroGrad(): void {
    for (const p of this.params) p.grad.fill(0);
  }

  /** Reports each child's outputs and input gradients to `observer` (or stops, with `undefined`). */
  setObserver(observer: LayerObserver | undefined): void {
    if (isContainer(this.root)) this.root.setObserver(observer);
  }

  /**
   * Initializes the model's parameters, or those of the layer at `options.layer`, and records why
   * (see {@link initialize}; `'auto'` always plans the whole model).
   *
   * @param spec - An initializer, a scheme config or name, or `'auto'`.
   * @param options - `rng` (seed or stream, default 0), `layer` (a path, default the whole model).
   * @returns The records of the parameters initialized.
   * @throws {NnError} as {@link initialize}; `INVALID_ARGUMENT` for an unknown layer path.
   */
  init(spec: InitSpec, options: { rng?: Rng | Seed; layer?: string } = {}): InitRecord[] {
    const o = checkOptions(options, ['rng', 'layer'], 'options');
    const path = rawOption(o, 'layer');
    const target = path === undefined ? this.root : this.layer(path as string);
    const records = initialize(target, spec, {
      rng: (rawOption(o, 'rng') ?? 0) as Rng | Seed,
      context: this.root,
    });
    for (const r of records) this.records.set(r.name, r);
    return records;
  }

  /** The latest init record of every parameter, in parameter order. */
  initRecords(): InitRecord[] {
    return this.params.flatMap((p) => {
      const r = this.records.get(p.name);
      return r === undefined ? [] : [r];
    });
  }

  /**
   * A table of which scheme each parameter got and why (source `auto` with the advisor's rule,
   * `given`, `role` or `zero_init`).
   *
   * @example
   * ```ts
   * console.log(model.describeInit());
   * // parameter  shape   scheme                                                  source  why
   * // 0.weight   [16,2]  he_normal(mode="fan_in", nonlinearity="relu", slope=0)  auto    relu-he: He init, ...
   * ```
   */
  describeInit(): string {
    return formatInitRecords(this.initRecords());
  }

  /** JSON description that rebuilds the model with `layerFromConfig` (weights excluded). */
  config(): { name?: string; inputShape: number[]; root: LayerConfig } {
    return {
      ...(this.name === undefined ? {} : { name: this.name }),
      inputShape: [...this.inputShape],
      root: this.root.config(),
    };
  }
}
