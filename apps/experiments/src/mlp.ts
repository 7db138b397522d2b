import { Activation, type ActivationName, Dense, type InitSpec, type Layer, Model } from '@init/nn';

/** Options of {@link mlp}. */
export interface MlpOptions {
  readonly inputs: number;
  readonly width: number;
  /** Number of Dense layers, the output layer included. */
  readonly depth: number;
  readonly outputs: number;
  readonly activation: ActivationName;
  readonly init: InitSpec;
  readonly seed: number;
  readonly bias?: boolean;
}

/**
 * A plain MLP: `depth − 1` hidden Dense layers of `width` units, each followed by `activation`, then a
 * Dense output layer; every weight initialized by `init` from `seed`, biases at 0.
 * Dense layers sit at even paths (`0`, `2`, ...), activations at odd ones.
 */
export function mlp(o: MlpOptions): Model {
  const layers: Layer[] = [];
  for (let i = 0; i < o.depth - 1; i++) {
    layers.push(new Dense({ units: o.width, bias: o.bias ?? true }), new Activation({ name: o.activation }));
  }
  layers.push(new Dense({ units: o.outputs, bias: o.bias ?? true }));
  return new Model(layers, { inputShape: [o.inputs], init: o.init, seed: o.seed });
}

/** The parameter called `name` (e.g. `'0.weight'`). */
export function parameter(model: Model, name: string): Float32Array {
  const p = model.parameters().find((q) => q.name === name);
  if (p === undefined) throw new Error(`no parameter ${name}`);
  return p.value;
}
