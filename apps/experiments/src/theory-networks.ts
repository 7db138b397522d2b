import { criticalSigmaW, type SignalLayer, weightStatistics } from '@init/advisor';
import type { ActivationName, Model } from '@init/nn';
import { createRng } from '@init/rng';
import { fromConfig } from '@init/schemes';
import { residualMlp } from './experiments/residual.ts';
import { mlp } from './mlp.ts';

/** What sets a network apart from the wide plain baseline. */
export type Factor = 'baseline' | 'finite width' | 'biases' | 'residual' | 'float32 range';

/** A scheme configuration as both @init/nn and @init/advisor read it. */
export type SchemeConfig = { readonly name: string } & Readonly<Record<string, unknown>>;

/** One network of the theory experiment. */
export interface NetworkSpec {
  readonly label: string;
  /** The label within its factor's panel of the figure. */
  readonly short: string;
  readonly factor: Factor;
  /** `mlp`: `depth` Dense layers (the 10-way head included); `residual`: experiment 8's MLP with `depth` blocks. */
  readonly kind: 'mlp' | 'residual';
  readonly activation: Extract<ActivationName, 'relu' | 'tanh' | 'selu'>;
  readonly depth: number;
  readonly width: number;
  readonly init: SchemeConfig;
  /** Biases drawn from N(0, biasStd²) (default: no biases). */
  readonly biasStd?: number;
  /** Residual start: default He, or Fixup. */
  readonly start?: 'he' | 'fixup';
  readonly scaling: 'unit' | 'standardize';
}

/** σ_w² of tanh at the edge of chaos for σ_b² = 0.05 (advisor's `criticalSigmaW`). */
export const CRITICAL_TANH = criticalSigmaW('tanh', Math.sqrt(0.05));

/** The networks at a budget: a wide plain baseline, and one factor changed at a time. */
export function theoryNetworks(quick: boolean): NetworkSpec[] {
  const wide = quick ? 128 : 512;
  const narrow = 16;
  const depth = quick ? 10 : 20;
  const he = { name: 'he_normal' };
  const xavier = { name: 'xavier_normal' };
  const base = { kind: 'mlp' as const, scaling: 'unit' as const };
  const critical = {
    name: 'variance_scaling',
    scale: CRITICAL_TANH.sigmaW2,
    mode: 'fan_in',
    distribution: 'normal',
  };
  return [
    {
      ...base,
      label: 'ReLU, He',
      short: 'ReLU He',
      factor: 'baseline',
      activation: 'relu',
      depth,
      width: wide,
      init: he,
    },
    {
      ...base,
      label: 'ReLU, Xavier',
      short: 'ReLU Xavier',
      factor: 'baseline',
      activation: 'relu',
      depth,
      width: wide,
      init: xavier,
    },
    {
      ...base,
      label: 'tanh, Xavier',
      short: 'tanh Xavier',
      factor: 'baseline',
      activation: 'tanh',
      depth,
      width: wide,
      init: xavier,
    },
    {
      ...base,
      label: 'SELU, LeCun',
      short: 'SELU LeCun',
      factor: 'baseline',
      activation: 'selu',
      depth: quick ? 16 : 32,
      width: wide,
      init: { name: 'lecun_normal' },
      scaling: 'standardize',
    },
    {
      ...base,
      label: 'SELU, He',
      short: 'SELU He',
      factor: 'baseline',
      activation: 'selu',
      depth: quick ? 16 : 32,
      width: wide,
      init: he,
      scaling: 'standardize',
    },
    {
      ...base,
      label: 'ReLU, He, narrow',
      short: 'ReLU, 20',
      factor: 'finite width',
      activation: 'relu',
      depth,
      width: narrow,
      init: he,
    },
    {
      ...base,
      label: 'ReLU, He, narrow and deep',
      short: 'ReLU, 50',
      factor: 'finite width',
      activation: 'relu',
      depth: quick ? 30 : 50,
      width: narrow,
      init: he,
    },
    {
      ...base,
      label: 'tanh, Xavier, narrow',
      short: 'tanh',
      factor: 'finite width',
      activation: 'tanh',
      depth,
      width: narrow,
      init: xavier,
    },
    {
      ...base,
      label: 'ReLU, He, biases σ_b² = 0.1',
      short: 'ReLU',
      factor: 'biases',
      activation: 'relu',
      depth,
      width: wide,
      init: he,
      biasStd: Math.sqrt(0.1),
    },
    {
      ...base,
      label: `tanh at the edge of chaos, σ_w² = ${CRITICAL_TANH.sigmaW2.toFixed(3)}, σ_b² = 0.05`,
      short: 'tanh',
      factor: 'biases',
      activation: 'tanh',
      depth,
      width: wide,
      init: critical,
      biasStd: Math.sqrt(0.05),
    },
    {
      ...base,
      label: `ReLU, N(0, 0.01²), depth ${quick ? 50 : 60}`,
      short: 'N(0, 0.01²)',
      factor: 'float32 range',
      activation: 'relu',
      depth: quick ? 50 : 60,
      width: wide,
      init: { name: 'random_small', std: 0.01 },
    },
    ...[64, quick ? 128 : 256].flatMap((width) =>
      (['he', 'fixup'] as const).map(
        (start): NetworkSpec => ({
          ...base,
          kind: 'residual',
          label: `residual ${start === 'he' ? 'He' : 'Fixup'}, width ${width}`,
          short: `${start === 'he' ? 'He' : 'Fixup'} ${width}`,
          factor: 'residual',
          activation: 'relu',
          depth: quick ? 30 : 100,
          width,
          init: he,
          start,
        }),
      ),
    ),
  ];
}

/** The network of a spec, its weights from `seed` (biases from streams forked by parameter name). */
export function buildNetwork(spec: NetworkSpec, seed: number): Model {
  if (spec.kind === 'residual') return residualMlp(spec.start ?? 'he', spec.width, spec.depth, seed);
  const model = mlp({
    inputs: 784,
    width: spec.width,
    depth: spec.depth,
    outputs: 10,
    activation: spec.activation,
    init: spec.init,
    seed,
    bias: spec.biasStd !== undefined,
  });
  if (spec.biasStd !== undefined) {
    const draw = fromConfig({ name: 'normal', std: spec.biasStd });
    const rng = createRng(seed).fork('biases');
    for (const p of model.parameters()) if (p.role === 'bias') draw.fill(p.value, p.shape, rng.fork(p.name));
  }
  return model;
}

function statsLayer(
  init: SchemeConfig,
  shape: [number, number],
  activation: SignalLayer['activation'],
  sigmaB2: number,
): SignalLayer {
  const w = weightStatistics(init as never, shape);
  return { activation, sigmaW2: w.sigmaW2, backwardSigmaW2: w.backwardSigmaW2, sigmaB2 };
}

/**
 * The spec as mean-field theory sees it: one layer per Dense layer in forward order, σ_w² = fan_in·Var(W)
 * of the scheme from `weightStatistics`, σ_b² of the biases, the activation that follows (linear for the head
 * and a branch's last layer), residual branches marked.
 */
export function signalLayers(spec: NetworkSpec): SignalLayer[] {
  const sb2 = (spec.biasStd ?? 0) ** 2;
  const w = spec.width;
  if (spec.kind === 'mlp') {
    return Array.from({ length: spec.depth }, (_, i) => {
      const last = i === spec.depth - 1;
      const shape: [number, number] = [last ? 10 : w, i === 0 ? 784 : w];
      return statsLayer(spec.init, shape, last ? 'linear' : spec.activation, sb2);
    });
  }
  const fixup = spec.start === 'fixup';
  const layers: SignalLayer[] = [statsLayer(spec.init, [w, 784], 'relu', 0)];
  for (let b = 0; b < spec.depth; b++) {
    const first = fixup ? { ...spec.init, multiplier: spec.depth ** -0.5 } : spec.init;
    layers.push({ ...statsLayer(first, [w, w], 'relu', 0), branch: `block ${b}` });
    layers.push({
      ...statsLayer(fixup ? { name: 'zeros' } : spec.init, [w, w], 'linear', 0),
      branch: `block ${b}`,
    });
  }
  layers.push(statsLayer(spec.init, [10, w], 'linear', 0));
  return layers;
}
