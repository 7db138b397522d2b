import { describeValue, InitError } from './errors';
import type { SchemeConfig } from './initializer';
import { checkOptionKeys } from './option-keys';
import { checkedConfig } from './scheme-config';

const MUP_KEYS: readonly string[] = ['role', 'width', 'baseWidth'];

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
 * @throws {InitError} `INVALID_ARGUMENT` for an unknown role or key, or a non-positive width;
 * `NOT_FINITE` (argument `'width'`) when the ratio or the multiplier overflows or underflows.
 * @example
 * ```ts
 * mupMultiplier({ role: 'hidden', width: 1024, baseWidth: 256 }); // => 0.5
 * ```
 */
export function mupMultiplier(options: MupOptions): number {
  return multiplierOf(checkOptionKeys(options, MUP_KEYS, 'options', 'an option of mupMultiplier'));
}

function multiplierOf(options: Record<string, unknown>): number {
  const { role, width, baseWidth } = options;
  for (const [v, name] of [
    [width, 'width'],
    [baseWidth, 'baseWidth'],
  ] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new InitError('INVALID_ARGUMENT', name, `must be a finite number > 0, got ${describeValue(v)}`);
    }
  }
  const r = (width as number) / (baseWidth as number);
  const finite = (s: number): number => {
    if (r > 0 && Number.isFinite(r) && Number.isFinite(s) && s > 0) return s;
    throw new InitError(
      'NOT_FINITE',
      'width',
      `width / baseWidth = ${width} / ${baseWidth} gives a ${role} multiplier of ${s}; use widths whose ratio is a normal number`,
    );
  };
  switch (role) {
    case 'input':
    case 'bias':
      return 1;
    case 'hidden':
      return finite(1 / Math.sqrt(r));
    case 'output':
      return finite(1 / r);
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
 * @throws {InitError} as {@link mupMultiplier}; any error `fromConfig` gives for `config` or for
 * the result (argument prefixed `config.`, e.g. `'config.multiplier'` when it overflows).
 * @example
 * ```ts
 * mup({ name: 'normal', std: 0.02 }, { role: 'hidden', width: 1024, baseWidth: 256 }); // => { name: 'normal', std: 0.02, multiplier: 0.5 }
 * ```
 */
export function mup(config: SchemeConfig, options: MupOptions & { zeroReadout?: boolean }): SchemeConfig {
  const o = checkOptionKeys(options, [...MUP_KEYS, 'zeroReadout'], 'options', 'an option of mup');
  const s = multiplierOf(o);
  if (o.zeroReadout !== undefined && typeof o.zeroReadout !== 'boolean') {
    throw new InitError(
      'INVALID_ARGUMENT',
      'zeroReadout',
      `must be a boolean, got ${describeValue(o.zeroReadout)}`,
    );
  }
  const base = checkedConfig(config, 'config');
  if (o.role === 'output' && o.zeroReadout === true) return { name: 'zeros' };
  const m = typeof base.multiplier === 'number' ? base.multiplier : 1;
  return checkedConfig({ ...base, multiplier: m * s }, 'config');
}
