import { propagateLayers } from '@init/advisor';
import { type Dataset, diagnose } from '@init/nn';
import { mnist } from '../data.ts';
import type { Experiment, ExperimentResult, RunContext, Verdict } from '../experiment.ts';
import { lineChart, type SeriesPoint } from '../figures.ts';
import { formatNumber, formatSummary, summarize } from '../stats.ts';
import { buildNetwork, type NetworkSpec, signalLayers, theoryNetworks } from '../theory-networks.ts';

/** Largest factor between the seeds' mean measured second moment and the prediction that still counts as agreement. */
export const AGREE_FACTOR = 2;

/** Settings of the experiment at a budget. */
export function theorySettings(quick: boolean) {
  return { batch: quick ? 64 : 128, seeds: quick ? [1, 2] : [1, 2, 3], networks: theoryNetworks(quick) };
}

/** Mean square of the first `batch` samples' inputs (the second moment mean-field theory starts from). */
export function inputSecondMoment(data: Dataset, batch: number): number {
  const n = batch * 784;
  let s = 0;
  for (let i = 0; i < n; i++) s += (data.x[i] as number) ** 2;
  return s / n;
}

/** Second moment E[h²] = std² + mean² of every Dense layer's output, from one diagnose pass. */
export function measuredSecondMoments(
  spec: NetworkSpec,
  seed: number,
  data: Dataset,
  batch: number,
): number[] {
  const report = diagnose(buildNetwork(spec, seed), data, { batch, probes: 1 });
  return report.layers.filter((l) => l.kind === 'dense').map((l) => l.std * l.std + l.mean * l.mean);
}

/** log10(measured / predicted); 0 when both are 0, ±Infinity when only one is. */
export function log10Ratio(measured: number, predicted: number): number {
  if (measured === 0 && predicted === 0) return 0;
  return Math.log10(measured / predicted);
}

export interface NetworkResult {
  readonly label: string;
  readonly short: string;
  readonly factor: string;
  readonly width: number;
  readonly depth: number;
  readonly predicted: number[];
  /** Per seed, per Dense layer. */
  readonly measured: number[][];
  /** Per layer: log10 of the seeds' mean measured second moment over the prediction. */
  readonly log10Ratio: number[];
  readonly maxAbsLog10: number;
  /** 1-based Dense layer where |log10 ratio| is largest. */
  readonly worstLayer: number;
  readonly agrees: boolean;
  readonly advisorVerdict: string;
}

/** Compares prediction and measurement for one network over the seeds. */
export function compareNetwork(
  spec: NetworkSpec,
  data: Dataset,
  batch: number,
  seeds: readonly number[],
): NetworkResult {
  const report = propagateLayers(signalLayers(spec), inputSecondMoment(data, batch));
  const predicted = report.layers.map((l) => l.q);
  const measured = seeds.map((seed) => measuredSecondMoments(spec, seed, data, batch));
  for (const m of measured) {
    if (m.length !== predicted.length)
      throw new Error(`${spec.label}: ${m.length} Dense layers measured, ${predicted.length} predicted`);
  }
  const ratio = predicted.map((p, i) => log10Ratio(summarize(measured.map((m) => m[i] as number)).mean, p));
  let worst = 0;
  for (let i = 1; i < ratio.length; i++)
    if (!(Math.abs(ratio[i] as number) <= Math.abs(ratio[worst] as number))) worst = i;
  const maxAbsLog10 = Math.abs(ratio[worst] as number);
  return {
    label: spec.label,
    short: spec.short,
    factor: spec.factor,
    width: spec.width,
    depth: spec.depth,
    predicted,
    measured,
    log10Ratio: ratio,
    maxAbsLog10,
    worstLayer: worst + 1,
    agrees: maxAbsLog10 <= Math.log10(AGREE_FACTOR),
    advisorVerdict: report.verdict,
  };
}

function figures(results: readonly NetworkResult[]): Record<string, string> {
  const points: SeriesPoint[] = [];
  for (const r of results) {
    r.log10Ratio.forEach((y, i) => {
      points.push({ x: i + 1, y: 10 ** y, series: r.short, facet: r.factor });
    });
  }
  return {
    ratio: lineChart(points, {
      x: 'Dense layer',
      y: 'measured / predicted second moment',
      yType: 'log',
      width: 1200,
      height: 420,
      rule: 1,
    }),
  };
}

/** Runs the theory experiment with the given settings. */
export async function runTheory(
  context: RunContext,
  settings = theorySettings(context.quick),
): Promise<ExperimentResult> {
  const unit = (await mnist(settings.batch, 10)).train;
  const standardized = (await mnist(settings.batch, 10, 'standardize')).train;
  const results: NetworkResult[] = [];
  for (const spec of settings.networks) {
    const data = spec.scaling === 'unit' ? unit : standardized;
    results.push(
      await context.progress.step(spec.label, () =>
        compareNetwork(spec, data, settings.batch, settings.seeds),
      ),
    );
  }
  const baseline = results.filter((r) => r.factor === 'baseline');
  const others = results.filter((r) => r.factor !== 'baseline');
  const verdict: Verdict = !baseline.every((r) => r.agrees)
    ? 'does not hold'
    : others.every((r) => r.agrees)
      ? 'holds'
      : 'holds with caveats';
  const parted = results.filter((r) => !r.agrees).map((r) => r.label);
  return {
    settings: {
      batch: settings.batch,
      seeds: settings.seeds,
      networks: settings.networks
        .map(
          (n) =>
            `${n.label}: ${n.kind === 'mlp' ? `${n.depth} Dense layers (head included)` : `${n.depth} residual blocks`}, width ${n.width}, ${n.init.name}${n.biasStd === undefined ? ', no biases' : ''}`,
        )
        .join('; '),
      prediction:
        '@init/advisor propagateLayers: σ_w² = fan_in·Var(W) of each layer from weightStatistics, σ_b² of the biases, residual branches x + f(x), input second moment measured on the batch',
      measurement:
        'second moment std² + mean² of every Dense output (pre-activation) from one diagnose pass of @init/nn over the batch',
      agree: `the seeds' mean measured second moment within a factor ${AGREE_FACTOR} of the prediction at every Dense layer`,
      data: `the first ${settings.batch} digits of the stratified MNIST subset (seed 2024), pixels v/255; standardized (v/255 − 0.1307)/0.3081 for SELU`,
    },
    seeds: settings.seeds,
    data: { networks: results },
    tables: [
      {
        title: `Mean-field prediction against measurement at initialization (${settings.seeds.length} seeds, batch ${settings.batch})`,
        columns: [
          'network',
          'factor',
          'width',
          'depth',
          'predicted q, last layer',
          'measured q, last layer',
          'max |log10 measured/predicted|',
          'at layer',
          'agree',
        ],
        rows: results.map((r) => [
          r.label,
          r.factor,
          String(r.width),
          String(r.depth),
          formatNumber(r.predicted.at(-1) as number),
          formatSummary(summarize(r.measured.map((m) => m.at(-1) as number))),
          formatNumber(r.maxAbsLog10),
          String(r.worstLayer),
          r.agrees ? 'agree' : 'part',
        ]),
      },
    ],
    verdict: {
      verdict,
      rule: `holds when prediction and measurement agree (within a factor ${AGREE_FACTOR} at every layer) for every network; with caveats when they agree for every wide plain baseline network but part for some network with another factor (narrow width, biases, residual blocks, float32 range); does not hold when a baseline network parts`,
      detail: `${results.length - parted.length} of ${results.length} networks agree${parted.length > 0 ? `; they part for ${parted.join('; ')}` : ''}`,
    },
    figures: figures(results),
  };
}

/** Experiment 12. */
export const theory: Experiment = {
  name: 'theory',
  number: 12,
  description:
    "@init/advisor's mean-field prediction against the measured per-layer variance: width, biases, residuals",
  claim:
    'The analytic mean-field prediction of @init/advisor gives the per-layer pre-activation variance of a network at initialization.',
  source:
    'Poole, Lahiri, Raghu, Sohl-Dickstein and Ganguli, Exponential expressivity in deep neural networks through transient chaos (2016); Schoenholz, Gilmer, Ganguli and Sohl-Dickstein, Deep Information Propagation (2017)',
  run: (context) => runTheory(context),
};
