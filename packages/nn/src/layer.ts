/**
 * The contract every layer of `@init/nn` implements.
 *
 * Data layout. A batch is one row-major `Float32Array` whose first axis is the batch: a layer
 * built for the per-sample shape `[c, h, w]` receives `batch * c * h * w` values laid out as
 * `[batch, c, h, w]`. Shapes never include the batch axis; the batch size is passed to
 * `forward` and `backward` as a number. Sequences are `[batch, time, features]` (per-sample
 * shape `[time, features]`).
 *
 * Life cycle:
 * 1. construct (options only, no allocation of parameters);
 * 2. `build(inputShape, path)` once: checks the input shape (throwing `NnError` with code
 *    `SHAPE_MISMATCH` and the layer's path in the message), allocates the parameters with their
 *    dotted names (`path + '.' + localName`), and returns the per-sample output shape;
 * 3. any number of `forward(x, batch, training)` / `backward(dy, batch)` pairs.
 *
 * Buffers. A layer allocates its output, its input gradient and any scratch (im2col columns,
 * masks, saved statistics) the first time it sees a batch size, and reuses them while the batch
 * size stays the same, so a training step allocates no typed arrays after the first step of a
 * batch size. The array `forward` returns belongs to the layer and is valid until its next
 * `forward`; likewise for `backward`. Callers copy what they want to keep.
 *
 * @packageDocumentation
 */

/** Per-sample shape (no batch axis): non-negative integers, row-major. */
export type Shape = readonly number[];

/**
 * What a parameter is for, so that initialization (`init`, `'auto'`) gives it the right kind of
 * scheme: `'weight'` a fan-scaled matrix or kernel (`[out, in]`, `[out, in/groups, kh, kw]`,
 * recurrent `[gates * hidden, in]`), `'bias'` an additive vector, `'scale'` a normalization gain
 * (starts at 1), `'shift'` a normalization offset (starts at 0), `'embedding'` a lookup table
 * `[num, dim]`, `'gate'` a scalar residual gate.
 */
export type ParameterRole = 'weight' | 'bias' | 'scale' | 'shift' | 'embedding' | 'gate';

/**
 * One trainable tensor.
 *
 * `value` and `grad` have `numel(shape)` elements each and are allocated once at build time; the
 * optimizer updates `value` in place and `zeroGrad` zeroes `grad` in place, so their identities
 * never change during training.
 */
export interface Parameter {
  /** Full dotted name, stable across runs and unique in a model: `blocks.3.conv1.weight`. */
  readonly name: string;
  /**
   * The name inside its layer, as PyTorch spells it: `weight`, `bias`, `weight_ih`, `weight_hh`,
   * `bias_ih`, `bias_hh`, `running_mean`... It is also the `parameter` field the advisor's `plan`
   * uses.
   */
  readonly localName: string;
  /** Shape in PyTorch's layout (Dense `[out, in]`, Conv2D `[out, in/groups, kh, kw]`). */
  readonly shape: Shape;
  /** Current values, row-major. */
  readonly value: Float32Array;
  /** Gradient of the loss with respect to `value`; `backward` ADDS into it (zero it per step). */
  readonly grad: Float32Array;
  /** What the tensor is for; chooses the default initializer. */
  readonly role: ParameterRole;
}

/**
 * How a layer presents itself to `@init/advisor`'s `plan`: the advisor's layer kind and the
 * weight shape in its convention (dense `[out, in]`, conv `[out, in/groups, kh, kw]`, embedding
 * `[num, dim]`, rnn/lstm/gru `[hidden, input]`, norms `[features]`). Layers without parameters
 * the advisor knows return `undefined` from {@link Layer.advisorLayer}.
 */
export interface AdvisorLayerInfo {
  readonly kind: 'dense' | 'conv2d' | 'embedding' | 'rnn' | 'lstm' | 'gru' | 'layer_norm' | 'batch_norm';
  readonly shape: readonly number[];
  /** Whether the layer has a bias. */
  readonly bias: boolean;
}

/**
 * A JSON description of a layer, enough to rebuild it (`kind` plus the constructor options), as
 * stored next to the weights by save/load. Containers list their children in `layers`.
 */
export interface LayerConfig {
  readonly kind: string;
  readonly [option: string]: unknown;
}

/**
 * A layer with its forward and backward passes written out by hand.
 *
 * Gradients: `backward(dy, batch)` receives `dL/dy` for the output of the latest
 * `forward(x, batch, true)` call, ADDS `dL/dθ` into each parameter's `grad` (so gradients from
 * several uses, such as time steps, accumulate, as in PyTorch), and returns `dL/dx`. It may read
 * the `x` given to that `forward` (the caller must not modify `x` in between) and the output and
 * scratch it saved. Calling `backward` without a preceding training-mode `forward` of the same
 * batch size is a programming error (`NnError` `INVALID_STATE`).
 *
 * Implementing a new layer (for example a recurrent one):
 * - keep options in the constructor, validated with `checkOptions` (unknown keys rejected);
 * - in `build`, check the input shape, create parameters with `createParameter(path, localName,
 *   shape, role)` and return the output shape;
 * - get batch-sized buffers from a `BufferCache` (`cache.get(slot, length)`), never `new
 *   Float32Array` inside `forward`/`backward` except through it;
 * - dense algebra only through `@init/linalg`'s `gemm` with its transpose flags, on `Matrix`
 *   views made with `view(data, rows, cols, offset)`.
 *
 * @example
 * ```ts
 * const layer = new Dense({ units: 3 });
 * layer.build([4], 'fc');                 // => [3]
 * layer.parameters().map((p) => p.name); // => ['fc.weight', 'fc.bias']
 * const y = layer.forward(new Float32Array(2 * 4), 2, true); // 2 x 3 values
 * const dx = layer.backward(new Float32Array(2 * 3).fill(1), 2); // 2 x 4 values
 * ```
 */
export interface Layer {
  /** Kind, as in {@link LayerConfig.kind}: `'dense'`, `'conv2d'`, `'relu'`, `'sequential'`... */
  readonly kind: string;
  /** Dotted path of the layer in its model (`blocks.3.conv1`); `''` before `build`. */
  readonly path: string;
  /** Per-sample input shape given to `build` (throws `INVALID_STATE` before). */
  readonly inputShape: Shape;
  /** Per-sample output shape returned by `build` (throws `INVALID_STATE` before). */
  readonly outputShape: Shape;
  /** Whether `build` has run. */
  readonly built: boolean;
  /**
   * Checks `inputShape`, allocates parameters named `path.localName`, and returns the output
   * shape. Called once; a second call throws `INVALID_STATE`.
   */
  build(inputShape: Shape, path: string): Shape;
  /**
   * Computes the output for `batch` samples. `training` selects training behaviour (Dropout masks,
   * BatchNorm batch statistics) and makes the layer keep what `backward` needs.
   */
  forward(x: Float32Array, batch: number, training: boolean): Float32Array;
  /**
   * Back-propagates `dy`; adds parameter gradients into `grad`; returns `dL/dx`. With
   * `inputGrad` false (default true) the caller does not need `dL/dx` (the first layers of a
   * model, whose input is data): a layer may then skip computing it and return a buffer of the
   * right length with unspecified contents. Parameter gradients are the same either way.
   */
  backward(dy: Float32Array, batch: number, inputGrad?: boolean): Float32Array;
  /** This layer's trainable parameters and those of its children, in a fixed order. */
  parameters(): readonly Parameter[];
  /** Direct children (containers only; `[]` for leaf layers). */
  children(): readonly Layer[];
  /** Non-trainable state saved with the model (BatchNorm running statistics); `[]` if none. */
  buffers(): readonly Parameter[];
  /** JSON options that rebuild this layer. */
  config(): LayerConfig;
  /** How `@init/advisor`'s `plan` should see this layer, if it has weights it knows. */
  advisorLayer(): AdvisorLayerInfo | undefined;
}
