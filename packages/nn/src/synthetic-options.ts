import type { Rng } from '@init/rng';
import { dataRng } from './data-rng';
import { NnError } from './errors';
import { checkOptions, MAX_ELEMENTS, numberOption, rawOption } from './options';

/** The checked common options of a generator: sample count, stream, and the generator's own numbers. */
export interface GeneratorSettings {
  readonly n: number;
  readonly rng: Rng;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Checks a generator's options: `n` (required, an integer >= 0 such that n * valuesPerSample <= 2^28) and `rng`
 * (required, an Rng or seed); `allowed` lists the generator's other keys.
 */
export function generatorSettings(
  options: unknown,
  allowed: readonly string[],
  valuesPerSample: (o: Readonly<Record<string, unknown>>) => number,
): GeneratorSettings {
  const o = checkOptions(options ?? NO_OPTIONS, ['n', 'rng', ...allowed], 'options');
  const n = numberOption(o, 'n', { integer: true, min: 0 });
  const perSample = valuesPerSample(o);
  if (n * perSample > MAX_ELEMENTS) {
    throw new NnError('TOO_LARGE', 'n', `${n} samples of ${perSample} values exceed ${MAX_ELEMENTS} values`);
  }
  return { n, rng: dataRng(rawOption(o, 'rng')), options: o };
}

// An absent options object reads as one without the required `n`, so the error names `n`.
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/** Reads a noise standard deviation: a finite number in [0, 1e6]. */
export function noiseOption(o: Readonly<Record<string, unknown>>, fallback: number, key = 'noise'): number {
  return numberOption(o, key, { min: 0, max: 1e6 }, fallback);
}

/** Reads a class count: an integer in [min, 1024]. */
export function classesOption(o: Readonly<Record<string, unknown>>, fallback: number, min = 2): number {
  return numberOption(o, 'classes', { integer: true, min, max: 1024 }, fallback);
}

/** Class of sample j when classes are interleaved (j mod K), and the number of samples class k gets. */
export function classCount(n: number, classes: number, k: number): number {
  return Math.floor((n - k + classes - 1) / classes);
}
