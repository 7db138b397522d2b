import { decodeSafetensors, encodeNpy, encodeSafetensors } from '@init/schemes';
import { describeValue, NnError } from './errors';
import type { LayerConfig } from './layer';
import { layerFromConfig } from './layer-registry';
import { Model } from './model';
import { isRecord } from './options';

/** Format tag written into the description and the safetensors metadata. */
export const MODEL_FORMAT = 'init-nn/1';

/** A model description: how to rebuild it (layers and input shape), weights excluded. */
export interface ModelDescription {
  readonly format: typeof MODEL_FORMAT;
  readonly name?: string;
  readonly inputShape: number[];
  readonly root: LayerConfig;
  /** Parameter and buffer names in file order, with shapes (for readers other than this package). */
  readonly tensors: { name: string; shape: number[]; trainable: boolean }[];
}

/** What {@link saveModel} returns. */
export interface SavedModel {
  /** `.safetensors` bytes: every parameter and buffer (F32) under its dotted name, description in `__metadata__`. */
  readonly weights: Uint8Array;
  /** The JSON description (also embedded in the weights file under the metadata key `init.model`). */
  readonly description: ModelDescription;
}

function wrap<T>(argument: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof NnError) throw e;
    throw new NnError('INVALID_ARGUMENT', argument, e instanceof Error ? e.message : String(e));
  }
}

/**
 * Describes a model for saving: input shape, layer configs, tensor names and shapes.
 *
 * @example
 * ```ts
 * describeModel(model).tensors[0]; // => { name: '0.weight', shape: [16, 2], trainable: true }
 * ```
 */
export function describeModel(model: Model): ModelDescription {
  if (!(model instanceof Model)) throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
  const c = model.config();
  return {
    format: MODEL_FORMAT,
    ...(c.name === undefined ? {} : { name: c.name }),
    inputShape: c.inputShape,
    root: c.root,
    tensors: [
      ...model.parameters().map((p) => ({ name: p.name, shape: [...p.shape], trainable: true })),
      ...model.buffers().map((p) => ({ name: p.name, shape: [...p.shape], trainable: false })),
    ],
  };
}

/**
 * Saves a model as `.safetensors` bytes plus a JSON description, in memory (write them with any
 * file API). Tensor names are the parameters' dotted names and layouts are PyTorch's (Dense
 * `[out, in]`, Conv2D `[out, in/groups, kh, kw]`, BatchNorm `running_mean`/`running_var`), so
 * `model.load_state_dict(safetensors.torch.load_file(path))` works on the equivalent `torch.nn`
 * model with the same module names.
 *
 * ```math
 * \text{file} = \text{u64 header length} \,\|\, \text{JSON header} \,\|\, \text{F32 data (little-endian)}
 * ```
 *
 * @param model - The model to save.
 * @returns `{ weights, description }`.
 * @throws {NnError} `INVALID_ARGUMENT` for a non-model.
 * @example
 * ```ts
 * const { weights, description } = saveModel(model);
 * const again = loadModel(weights); // same outputs as model
 * ```
 */
export function saveModel(model: Model): SavedModel {
  const description = describeModel(model);
  const tensors = [...model.parameters(), ...model.buffers()].map((p) => ({
    name: p.name,
    shape: p.shape,
    data: p.value,
  }));
  const weights = wrap('model', () =>
    encodeSafetensors(tensors, {
      metadata: { format: MODEL_FORMAT, 'init.model': JSON.stringify(description) },
    }),
  );
  return { weights, description };
}

function parseDescription(value: unknown): ModelDescription {
  const d = typeof value === 'string' ? wrap('description', () => JSON.parse(value) as unknown) : value;
  if (!isRecord(d) || d.format !== MODEL_FORMAT) {
    throw new NnError(
      'INVALID_ARGUMENT',
      'description',
      `must be a model description with format '${MODEL_FORMAT}', got ${describeValue(d)}`,
    );
  }
  return d as unknown as ModelDescription;
}

/**
 * Copies tensors of a `.safetensors` file into an existing model's parameters and buffers, by name.
 *
 * @param model - The model to fill (shapes must match).
 * @param weights - `.safetensors` bytes with F32 tensors.
 * @param options - `strict` (default true): every parameter and buffer must be present and the
 *   file must hold no other tensor.
 * @throws {NnError} `SHAPE_MISMATCH` for a tensor of the wrong shape, `INVALID_ARGUMENT` for a
 *   missing or unexpected tensor (strict), a non-F32 tensor, or a malformed file.
 * @example
 * ```ts
 * loadWeights(model, saveModel(trained).weights);
 * ```
 */
export function loadWeights(model: Model, weights: Uint8Array, options: { strict?: boolean } = {}): void {
  if (!(model instanceof Model)) throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
  if (!(weights instanceof Uint8Array))
    throw new NnError('INVALID_ARGUMENT', 'weights', `must be a Uint8Array, got ${describeValue(weights)}`);
  const strict = isRecord(options) && options.strict === false ? false : true;
  const file = wrap('weights', () => decodeSafetensors(weights));
  const targets = new Map([...model.parameters(), ...model.buffers()].map((p) => [p.name, p]));
  const seen = new Set<string>();
  for (const t of file.tensors) {
    const p = targets.get(t.name);
    if (p === undefined) {
      if (strict)
        throw new NnError(
          'INVALID_ARGUMENT',
          'weights',
          `unexpected tensor '${t.name.slice(0, 80)}' (strict loading)`,
        );
      continue;
    }
    if (t.shape.length !== p.shape.length || t.shape.some((d, i) => d !== p.shape[i])) {
      throw new NnError(
        'SHAPE_MISMATCH',
        'weights',
        `${t.name}: the file has [${t.shape.join(', ')}], the model [${p.shape.join(', ')}]`,
      );
    }
    if (!(t.data instanceof Float32Array))
      throw new NnError('INVALID_ARGUMENT', 'weights', `${t.name}: expected F32 data, got ${t.dtype}`);
    p.value.set(t.data);
    seen.add(t.name);
  }
  if (strict) {
    for (const name of targets.keys()) {
      if (!seen.has(name)) throw new NnError('INVALID_ARGUMENT', 'weights', `missing tensor '${name}'`);
    }
  }
}

/**
 * Rebuilds a saved model: layers from the description (given, or read from the file's metadata),
 * then every tensor from the weights. The model is not re-initialized.
 *
 * @param weights - `.safetensors` bytes written by {@link saveModel}.
 * @param description - The description (object or JSON text); default: the one embedded in `weights`.
 * @returns The model, with the saved parameters and running statistics.
 * @throws {NnError} `INVALID_ARGUMENT` for a malformed file or description, an unknown layer kind,
 *   missing or extra tensors; `SHAPE_MISMATCH` for tensors that do not fit.
 * @example
 * ```ts
 * const copy = loadModel(saveModel(model).weights);
 * copy.forward(x, 1)[0] === model.forward(x, 1)[0]; // => true
 * ```
 */
export function loadModel(weights: Uint8Array, description?: ModelDescription | string): Model {
  if (!(weights instanceof Uint8Array))
    throw new NnError('INVALID_ARGUMENT', 'weights', `must be a Uint8Array, got ${describeValue(weights)}`);
  let d: ModelDescription;
  if (description === undefined) {
    const meta = wrap('weights', () => decodeSafetensors(weights)).metadata['init.model'];
    if (meta === undefined)
      throw new NnError('INVALID_ARGUMENT', 'description', 'the file embeds no model description; pass it');
    d = parseDescription(meta);
  } else {
    d = parseDescription(description);
  }
  const root = layerFromConfig(d.root);
  const model = new Model(root, {
    inputShape: d.inputShape,
    init: 'none',
    ...(d.name === undefined ? {} : { name: d.name }),
  });
  loadWeights(model, weights);
  return model;
}

/**
 * Exports every parameter and buffer as a `.npy` file (F32, little-endian, C order), keyed by its
 * dotted name (`numpy.load` reads each one; PyTorch: `torch.from_numpy`).
 *
 * @example
 * ```ts
 * exportNpy(model).get('0.weight'); // => Uint8Array (a .npy file of shape [16, 2])
 * ```
 */
export function exportNpy(model: Model): Map<string, Uint8Array> {
  if (!(model instanceof Model)) throw new NnError('INVALID_ARGUMENT', 'model', 'must be a Model');
  const out = new Map<string, Uint8Array>();
  for (const p of [...model.parameters(), ...model.buffers()]) {
    out.set(
      p.name,
      wrap('model', () => encodeNpy({ data: p.value, shape: p.shape })),
    );
  }
  return out;
}
