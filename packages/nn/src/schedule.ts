import { cos, powInt } from './elementary';
import { NnError } from './errors';
import { checkOptions, isRecord, numberOption, rawOption } from './options';

/** A learning-rate schedule: the rate to use at a 0-based step (or epoch) `t` from a base rate. */
export interface Schedule {
  /** Learning rate at step `t` for base rate `base`. */
  at(t: number, base: number): number;
  /** JSON description. */
  readonly config: Record<string, unknown>;
}

/**
 * Step decay (PyTorch's `StepLR`): multiply by `gamma` every `stepSize` steps.
 *
 * ```math
 * \eta_t = \eta_0 \, \gamma^{\lfloor t / stepSize \rfloor}
 * ```
 *
 * @param options - `stepSize` (positive integer, required), `gamma` (default 0.1, in [0, 1]).
 * @throws {NnError} `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * stepSchedule({ stepSize: 10, gamma: 0.5 }).at(25, 0.1); // => 0.025
 * ```
 */
export function stepSchedule(options: { stepSize: number; gamma?: number }): Schedule {
  const o = checkOptions(options, ['stepSize', 'gamma'], 'options');
  const stepSize = numberOption(o, 'stepSize', { integer: true, min: 1, max: 2 ** 40 });
  const gamma = numberOption(o, 'gamma', { min: 0, max: 1 }, 0.1);
  return {
    at: (t, base) => base * powInt(gamma, Math.floor(t / stepSize)),
    config: { kind: 'step', stepSize, gamma },
  };
}

/**
 * Cosine annealing (PyTorch's `CosineAnnealingLR`, closed form) from the base rate to `minLr`
 * over `tMax` steps; it stays at `minLr` afterwards.
 *
 * ```math
 * \eta_t = \eta_{min} + \tfrac12 (\eta_0 - \eta_{min}) \big(1 + \cos(\pi \min(t, T) / T)\big)
 * ```
 *
 * @param options - `tMax` (positive integer, required), `minLr` (default 0).
 * @throws {NnError} `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * cosineSchedule({ tMax: 100 }).at(50, 0.1); // => 0.05 (up to rounding)
 * ```
 */
export function cosineSchedule(options: { tMax: number; minLr?: number }): Schedule {
  const o = checkOptions(options, ['tMax', 'minLr'], 'options');
  const tMax = numberOption(o, 'tMax', { integer: true, min: 1, max: 2 ** 40 });
  const minLr = numberOption(o, 'minLr', { min: 0, max: 1e6 }, 0);
  return {
    at: (t, base) => minLr + 0.5 * (base - minLr) * (1 + cos((Math.PI * Math.min(t, tMax)) / tMax)),
    config: { kind: 'cosine', tMax, minLr },
  };
}

/**
 * Linear warm-up (PyTorch's `LinearLR`): the factor grows linearly from `startFactor` to 1 over
 * `steps` steps, then `after` (another schedule, counted from the end of the warm-up) or the base rate.
 *
 * ```math
 * \eta_t = \eta_0 \big(s + (1 - s) \min(t, W) / W\big) \text{ for } t < W, \text{ then } after(t - W)
 * ```
 *
 * @param options - `steps` W (positive integer), `startFactor` s (default 1/3, in [0, 1]), `after`.
 * @throws {NnError} `INVALID_ARGUMENT` for bad options.
 * @example
 * ```ts
 * warmupSchedule({ steps: 4, startFactor: 0 }).at(1, 0.1); // => 0.025
 * ```
 */
export function warmupSchedule(options: { steps: number; startFactor?: number; after?: Schedule }): Schedule {
  const o = checkOptions(options, ['steps', 'startFactor', 'after'], 'options');
  const steps = numberOption(o, 'steps', { integer: true, min: 1, max: 2 ** 40 });
  const s = numberOption(o, 'startFactor', { min: 0, max: 1 }, 1 / 3);
  const after = rawOption(o, 'after');
  if (after !== undefined && (!isRecord(after) || typeof (after as Partial<Schedule>).at !== 'function')) {
    throw new NnError('INVALID_ARGUMENT', 'after', 'must be a schedule');
  }
  const next = after as Schedule | undefined;
  return {
    at: (t, base) =>
      t < steps ? base * (s + ((1 - s) * t) / steps) : next === undefined ? base : next.at(t - steps, base),
    config: { kind: 'warmup', steps, startFactor: s, ...(next === undefined ? {} : { after: next.config }) },
  };
}
