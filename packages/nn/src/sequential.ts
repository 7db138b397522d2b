import { BaseLayer } from './base-layer';
import { isContainer, joinPath, type LayerObserver } from './container';
import { describeValue, NnError } from './errors';
import type { Layer, LayerConfig, Parameter, Shape } from './layer';
import { isRecord } from './options';

/** Children of a {@link Sequential}: layers (named `0`, `1`, ...), `[name, layer]` pairs, or `{ name: layer }`. */
export type SequentialChildren =
  | readonly Layer[]
  | readonly (readonly [string, Layer])[]
  | Readonly<Record<string, Layer>>;

const NAME = /^[A-Za-z0-9_]+$/;

function isLayer(value: unknown): value is Layer {
  return (
    isRecord(value) &&
    typeof (value as Partial<Layer>).forward === 'function' &&
    typeof (value as Partial<Layer>).backward === 'function' &&
    typeof (value as Partial<Layer>).build === 'function'
  );
}

function normalize(children: unknown): [string, Layer][] {
  const out: [string, Layer][] = [];
  if (Array.isArray(children)) {
    if (children.length > 100_000) throw new NnError('TOO_LARGE', 'layers', 'at most 100000 children');
    children.forEach((c: unknown, i) => {
      if (isLayer(c)) out.push([String(i), c]);
      else if (Array.isArray(c) && c.length === 2 && typeof c[0] === 'string' && isLayer(c[1]))
        out.push([c[0], c[1]]);
      else
        throw new NnError(
          'INVALID_ARGUMENT',
          `layers[${i}]`,
          `must be a layer or [name, layer], got ${describeValue(c)}`,
        );
    });
  } else if (isRecord(children)) {
    for (const key of Reflect.ownKeys(children)) {
      if (typeof key !== 'string')
        throw new NnError('INVALID_ARGUMENT', 'layers', 'symbol keys are not layer names');
      const v = Object.getOwnPropertyDescriptor(children, key)?.value;
      if (!isLayer(v))
        throw new NnError('INVALID_ARGUMENT', `layers.${key}`, `must be a layer, got ${describeValue(v)}`);
      out.push([key, v]);
    }
  } else {
    throw new NnError(
      'INVALID_ARGUMENT',
      'layers',
      `must be an array of layers or { name: layer }, got ${describeValue(children)}`,
    );
  }
  const seen = new Set<string>();
  const layers = new Set<Layer>();
  for (const [name, layer] of out) {
    if (!NAME.test(name))
      throw new NnError(
        'INVALID_ARGUMENT',
        'layers',
        `layer name ${describeValue(name)} must match [A-Za-z0-9_]+`,
      );
    if (seen.has(name)) throw new NnError('INVALID_ARGUMENT', 'layers', `duplicate layer name '${name}'`);
    if (layers.has(layer))
      throw new NnError(
        'INVALID_ARGUMENT',
        'layers',
        `layer '${name}' appears twice; create a new layer for each position`,
      );
    seen.add(name);
    layers.add(layer);
  }
  return out;
}

/**
 * Runs its children one after another: `y = f_n(… f_2(f_1(x)))`; backward runs them in reverse.
 *
 * Children are named by position (`0`, `1`, … as PyTorch's `nn.Sequential`) or by the names
 * given, and their parameters are named `path.childName.localName` (`features.conv1.weight`).
 * Build checks that each child accepts the previous child's output shape; a mismatch throws
 * `SHAPE_MISMATCH` naming the child.
 *
 * @param layers - The children (see {@link SequentialChildren}); each layer may appear once.
 * @throws {NnError} `INVALID_ARGUMENT` for a non-layer, a duplicate or malformed name, or a layer
 *   used twice.
 * @example
 * ```ts
 * const mlp = new Sequential([new Dense({ units: 16 }), new Activation({ name: 'relu' }), new Dense({ units: 2 })]);
 * mlp.build([4], '');                     // => [2]
 * mlp.parameters().map((p) => p.name);   // => ['0.weight', '0.bias', '2.weight', '2.bias']
 * ```
 */
export class Sequential extends BaseLayer {
  readonly kind = 'sequential';
  private readonly entries: [string, Layer][];
  private observer: LayerObserver | undefined;
  private firstParams = -1;

  constructor(layers: SequentialChildren) {
    super();
    this.entries = normalize(layers);
  }

  /** The children's names, in order. */
  get names(): readonly string[] {
    return this.entries.map(([n]) => n);
  }

  protected buildShape(inputShape: Shape): Shape {
    let shape = inputShape;
    for (const [name, layer] of this.entries) shape = layer.build(shape, joinPath(this.path, name));
    return shape;
  }

  /** Sets (or clears, with `undefined`) the observer of this model and of every nested container. */
  setObserver(observer: LayerObserver | undefined): void {
    this.observer = observer;
    for (const [, layer] of this.entries) if (isContainer(layer)) layer.setObserver(observer);
  }

  forward(x: Float32Array, batch: number, training: boolean): Float32Array {
    this.checkInput(x, batch);
    let h = x;
    const obs = this.observer;
    for (const [, layer] of this.entries) {
      h = layer.forward(h, batch, training);
      if (obs !== undefined) obs(layer, h, batch, 'forward');
    }
    this.save(x, batch, training);
    return h;
  }

  /**
   * Runs the children's backward passes in reverse. Without `inputGrad` (and without an
   * observer, which records every input gradient), the children before the first one with
   * parameters are not asked for their input gradient: nothing uses it.
   */
  backward(dy: Float32Array, batch: number, inputGrad = true): Float32Array {
    this.checkGrad(dy, batch);
    this.input(batch);
    let g = dy;
    const obs = this.observer;
    const first = inputGrad || obs !== undefined ? -1 : this.firstWithParameters();
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const layer = (this.entries[i] as [string, Layer])[1];
      g = layer.backward(g, batch, i > first);
      if (obs !== undefined) obs(layer, g, batch, 'backward');
    }
    return g;
  }

  /** Index of the first child with trainable parameters (the number of children if none). */
  private firstWithParameters(): number {
    if (this.firstParams < 0) {
      const i = this.entries.findIndex(([, l]) => l.parameters().length > 0);
      this.firstParams = i < 0 ? this.entries.length : i;
    }
    return this.firstParams;
  }

  override parameters(): readonly Parameter[] {
    return this.entries.flatMap(([, l]) => l.parameters());
  }

  override buffers(): readonly Parameter[] {
    return this.entries.flatMap(([, l]) => l.buffers());
  }

  override children(): readonly Layer[] {
    return this.entries.map(([, l]) => l);
  }

  config(): LayerConfig {
    return { kind: this.kind, layers: this.entries.map(([name, l]) => ({ name, ...l.config() })) };
  }
}
