import { describeValue, InitError } from './errors';
import type { SchemeConfig } from './initializer';

/** Parameter roles in muP. */
export type MupRole = 'input' | 'hidden' | 'output' | 'bias';

/** Options of the muP helpers. */
export interface MupOptions {
  /** What the parameter is: input weights/embeddings, hidden (width x width) weights, output readout, or a bias. */
  role: MupRole;
  /** Width of this model (the fan-in dimension that grows). */
  width: number;
  /** Width of the tuned base model. */
  baseWidth: number;
}

/**
 * The muP (Yang & Hu; Tensor Programs V) multiplier of a parameter's init std relative to its value
 * in a tuned base model, with `r = width / baseWidth`: input weights and biases 1, hidden weights
 * `r^(-1/2)` (variance 1/fan_in), output weights `1/r` (variance 1/fan_in²).
 *
 * ```math
 * s_{input} = s_{bias} = 1,\quad s_{hidden} = r^{-1/2},\quad s_{output} = r^{-1}
 * ```
 *
 * @param options - `role`, `width` (> 0), `baseWidth` (> 0).
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown role or a non-positive width.
 * @example
 * ```ts
 * mupMultiplier({ role: 'hidden', width: 1024, baseWidth: 256 }); // => 0.5
 * ```
 */
export function mupMultiplier(options: MupOptions): number {
  const { role, width, baseWidth } = options;
  for (const [v, name] of [
    [width, 'width'],
    [baseWidth, 'baseWidth'],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new InitError('INVALID_ARGUMENT', name, `must be a finite number > 0, got ${describeValue(v)}`);
    }
  }
  const r = width / baseWidth;
  switch (role) {
    case 'input':
    case 'bias':
      return 1;
    case 'hidden':
      return 1 / Math.sqrt(r);
    case 'output':
      return 1 / r;
    default:
      throw new InitError(
        'INVALID_ARGUMENT',
        'role',
        `must be 'input', 'hidden', 'output' or 'bias', got ${describeValue(role)}`,
      );
  }
}

/**
 * Rescales a base-model config for a wider model under muP: multiplies its `multiplier` by
 * {@link mupMultiplier}. With `zeroReadout: true`, an output layer starts at zero instead (the
 * muP package's recommendation).
 *
 * @param config - The scheme tuned on the base model (e.g. `{ name: 'normal', std: 0.02 }`).
 * @param options - `role`, `width`, `baseWidth`, `zeroReadout` (default false).
 * @throws {InitError} as {@link mupMultiplier}.
 * @example
 * ```ts
 * mup({ name: 'normal', std: 0.02 }, { role: 'hidden', width: 1024, baseWidth: 256 }); // => { name: 'normal', std: 0.02, multiplier: 0.5 }
 * ```
 */
export function mup(config: SchemeConfig, options: MupOptions & { zeroReadout?: boolean }): SchemeConfig {
  const s = mupMultiplier(options);
  if (options.role === 'output' && options.zeroReadout === true) return { name: 'zeros' };
  const m = typeof config.multiplier === 'number' ? config.multiplier : 1;
  return { ...config, multiplier: m * s };
}
