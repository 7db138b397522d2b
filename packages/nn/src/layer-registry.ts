import { ACTIVATIONS, Activation, type ActivationName } from './activation';
import { BatchNorm } from './batch-norm';
import { Conv2D } from './conv2d';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Embedding } from './embedding';
import { describeValue, NnError } from './errors';
import { Flatten } from './flatten';
import { GRU } from './gru';
import type { Layer, LayerConfig } from './layer';
import { LayerNorm } from './layer-norm';
import { LSTM } from './lstm';
import { closestName, isRecord } from './options';
import { AvgPool2D, MaxPool2D } from './pool2d';
import { Residual } from './residual';
import { SimpleRNN } from './rnn';
import { Sequential } from './sequential';

/** Builds a layer from the options of its {@link LayerConfig} (everything but `kind`). */
export type LayerFactory = (options: Record<string, unknown>) => Layer;

const MAX_DEPTH = 64;
const factories = new Map<string, LayerFactory>();

function register(kind: string, factory: LayerFactory): void {
  factories.set(kind, factory);
}

register('dense', (o) => new Dense(o as never));
register('conv2d', (o) => new Conv2D(o as never));
register('max_pool2d', (o) => new MaxPool2D(o as never));
register('avg_pool2d', (o) => new AvgPool2D(o as never));
register('batch_norm', (o) => new BatchNorm(o as never));
register('layer_norm', (o) => new LayerNorm(o as never));
register('embedding', (o) => new Embedding(o as never));
register('flatten', (o) => new Flatten(o as never));
register('dropout', (o) => new Dropout(o as never));
register('rnn', (o) => new SimpleRNN(o as never));
register('lstm', (o) => new LSTM(o as never));
register('gru', (o) => new GRU(o as never));
for (const name of ACTIVATIONS) register(name, (o) => new Activation({ ...o, name: name as ActivationName }));

/**
 * Adds a layer kind to {@link layerFromConfig} (for layers defined outside this file, such as
 * recurrent ones). Re-registering a kind replaces its factory.
 *
 * @param kind - The `kind` its configs carry (`[a-z0-9_]+`).
 * @param factory - Builds the layer from the config's other fields.
 * @throws {NnError} `INVALID_ARGUMENT` for a malformed kind, a non-function factory, or a built-in
 *   container kind (`sequential`, `residual`).
 * @example
 * ```ts
 * registerLayer('my_scale', (o) => new MyScale(o));
 * layerFromConfig({ kind: 'my_scale', factor: 2 });
 * ```
 */
export function registerLayer(kind: string, factory: LayerFactory): void {
  if (
    typeof kind !== 'string' ||
    !/^[a-z0-9_]{1,40}$/.test(kind) ||
    kind === 'sequential' ||
    kind === 'residual'
  ) {
    throw new NnError(
      'INVALID_ARGUMENT',
      'kind',
      `must match [a-z0-9_]{1,40} and not be a container kind, got ${describeValue(kind)}`,
    );
  }
  if (typeof factory !== 'function') throw new NnError('INVALID_ARGUMENT', 'factory', 'must be a function');
  register(kind, factory);
}

function fromConfig(config: unknown, argument: string, depth: number): Layer {
  if (depth > MAX_DEPTH)
    throw new NnError('TOO_LARGE', argument, `layers nested more than ${MAX_DEPTH} deep`);
  if (!isRecord(config))
    throw new NnError(
      'INVALID_ARGUMENT',
      argument,
      `must be a layer config { kind, ... }, got ${describeValue(config)}`,
    );
  const own = (k: string): unknown => Object.getOwnPropertyDescriptor(config, k)?.value;
  const kind = own('kind');
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(config)) if (key !== 'kind') rest[key] = own(key);
  if (kind === 'sequential') {
    const layers = rest.layers;
    if (!Array.isArray(layers))
      throw new NnError('INVALID_ARGUMENT', `${argument}.layers`, 'must be an array of layer configs');
    if (Object.keys(rest).length !== 1)
      throw new NnError('INVALID_ARGUMENT', argument, 'a sequential config holds only kind and layers');
    return new Sequential(
      layers.map((c: unknown, i): [string, Layer] => {
        const name = isRecord(c) ? Object.getOwnPropertyDescriptor(c, 'name')?.value : undefined;
        const inner: Record<string, unknown> = {};
        if (isRecord(c))
          for (const k of Object.keys(c))
            if (k !== 'name') inner[k] = Object.getOwnPropertyDescriptor(c, k)?.value;
        return [
          typeof name === 'string' ? name : String(i),
          fromConfig(inner, `${argument}.layers[${i}]`, depth + 1),
        ];
      }),
    );
  }
  if (kind === 'residual') {
    const body = fromConfig(rest.body, `${argument}.body`, depth + 1);
    const shortcut =
      rest.shortcut === undefined ? undefined : fromConfig(rest.shortcut, `${argument}.shortcut`, depth + 1);
    const { body: _b, shortcut: _s, ...options } = rest;
    return new Residual({ ...options, body, ...(shortcut === undefined ? {} : { shortcut }) } as never);
  }
  const factory = typeof kind === 'string' ? factories.get(kind) : undefined;
  if (factory === undefined) {
    const known = [...factories.keys(), 'sequential', 'residual'];
    const near = typeof kind === 'string' ? closestName(kind, known) : undefined;
    throw new NnError(
      'INVALID_ARGUMENT',
      `${argument}.kind`,
      `unknown layer kind ${describeValue(kind)}${near ? `; did you mean '${near}'?` : ''}; known: ${known.join(', ')}`,
    );
  }
  return factory(rest);
}

/**
 * Rebuilds an (unbuilt) layer from the JSON its `config()` returned, recursively for containers.
 * Used by `loadModel`; works for every built-in kind and for kinds added with {@link registerLayer}.
 *
 * @param config - `{ kind, ...options }`; a sequential config lists `layers: [{ name, kind, ... }]`.
 * @throws {NnError} `INVALID_ARGUMENT` for an unknown kind (with the closest known one) or bad
 *   options (as the layer's constructor); `TOO_LARGE` for nesting deeper than 64.
 * @example
 * ```ts
 * const layer = layerFromConfig({ kind: 'dense', units: 3 });
 * layer.config(); // => { kind: 'dense', units: 3, bias: true }
 * ```
 */
export function layerFromConfig(config: LayerConfig): Layer {
  return fromConfig(config, 'config', 0);
}
