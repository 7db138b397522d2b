import {
  Activation,
  Conv2D,
  type Dataset,
  Dense,
  Flatten,
  type InitSpec,
  type Labels,
  type Layer,
  Model,
} from '@init/nn';

/**
 * MNIST digits averaged over 2×2 blocks: flattened 28×28 samples become `[1, 14, 14]` images (a quarter of
 * the pixels, so a deep CNN costs a quarter as much per layer).
 *
 * @example
 * ```ts
 * downsample2x({ x: new Float32Array(784).fill(1), y: new Int32Array([3]), shape: [1, 784], yShape: [1], classes: 10 }).shape;
 * // => [1, 1, 14, 14]
 * ```
 */
export function downsample2x<Y extends Labels>(data: Dataset<Y>): Dataset<Y> {
  const n = data.shape[0] ?? 0;
  if (data.x.length !== n * 784) throw new Error(`data.x: expected ${n} flattened 28×28 digits`);
  const x = new Float32Array(n * 196);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < 14; i++) {
      for (let j = 0; j < 14; j++) {
        const top = s * 784 + 2 * i * 28 + 2 * j;
        const sum =
          (data.x[top] as number) +
          (data.x[top + 1] as number) +
          (data.x[top + 28] as number) +
          (data.x[top + 29] as number);
        x[s * 196 + i * 14 + j] = sum / 4;
      }
    }
  }
  return { ...data, x, shape: [n, 1, 14, 14] };
}

/** Options of {@link plainCnn}. */
export interface PlainCnnOptions {
  /** Number of 3×3 convolutions (each followed by ReLU). */
  readonly convLayers: number;
  readonly channels: number;
  /** Scheme of every convolution kernel. */
  readonly init: InitSpec;
  readonly seed: number;
}

/**
 * A plain CNN without normalization or skip connections on `[1, 14, 14]` inputs: `convLayers` × (Conv2D 3×3,
 * padding 1, `channels` filters → ReLU), Flatten, Dense 10. Kernels from `init`, biases 0; the Dense head is
 * Xavier normal in every variant (the output layer, as the advisor's plan does), so the variants differ only in
 * their convolutions. Convolutions sit at even paths `0, 2, …`, the head at `2·convLayers + 1`.
 */
export function plainCnn(o: PlainCnnOptions): Model {
  const layers: Layer[] = [];
  for (let i = 0; i < o.convLayers; i++) {
    layers.push(
      new Conv2D({ filters: o.channels, kernelSize: 3, padding: 1 }),
      new Activation({ name: 'relu' }),
    );
  }
  layers.push(new Flatten(), new Dense({ units: 10 }));
  const model = new Model(layers, { inputShape: [1, 14, 14], init: 'xavier_normal', seed: o.seed });
  for (let i = 0; i < o.convLayers; i++) model.init(o.init, { rng: o.seed, layer: String(2 * i) });
  return model;
}
