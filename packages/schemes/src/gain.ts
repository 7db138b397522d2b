import { describeValue, InitError } from './errors';

/** Nonlinearities known to {@link calculateGain} (PyTorch's table; camelCase spellings accepted). */
export type Nonlinearity =
  | 'linear'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'conv_transpose1d'
  | 'conv_transpose2d'
  | 'conv_transpose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'selu';

/** Every accepted nonlinearity name, snake_case. */
export const NONLINEARITIES: readonly Nonlinearity[] = [
  'linear',
  'conv1d',
  'conv2d',
  'conv3d',
  'conv_transpose1d',
  'conv_transpose2d',
  'conv_transpose3d',
  'sigmoid',
  'tanh',
  'relu',
  'leaky_relu',
  'selu',
];

/** camelCase to snake_case (`leakyRelu` -> `leaky_relu`, `convTranspose2d` -> `conv_transpose2d`). */
export function toSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Validates a nonlinearity name (snake or camel case). */
export function parseNonlinearity(value: unknown, argument = 'nonlinearity'): Nonlinearity {
  if (typeof value === 'string') {
    const n = toSnake(value);
    if ((NONLINEARITIES as readonly string[]).includes(n)) return n as Nonlinearity;
  }
  throw new InitError(
    'INVALID_ARGUMENT',
    argument,
    `must be one of ${NONLINEARITIES.map((n) => `'${n}'`).join(', ')}, got ${describeValue(value)}`,
  );
}

function slopeOf(param: unknown): number {
  if (param === undefined || param === null) return 0.01;
  if (typeof param !== 'number') {
    throw new InitError(
      'INVALID_ARGUMENT',
      'param',
      `must be a finite number (the negative slope), got ${describeValue(param)}`,
    );
  }
  if (!Number.isFinite(param)) {
    throw new InitError('NOT_FINITE', 'param', `must be a finite number (the negative slope), got ${param}`);
  }
  return param;
}

/**
 * The recommended gain for a nonlinearity, exactly PyTorch's `calculate_gain` table.
 *
 * | nonlinearity | gain |
 * |---|---|
 * | linear, conv1d/2d/3d, conv_transpose1d/2d/3d, sigmoid | 1 |
 * | tanh | 5/3 |
 * | relu | sqrt(2) |
 * | leaky_relu | sqrt(2 / (1 + slope^2)), slope = `param` (default 0.01) |
 * | selu | 3/4 |
 *
 * The selu value trades self-normalization for gradient stability; a self-normalizing network
 * wants LeCun normal (gain 1, `'linear'`) instead.
 *
 * @param nonlinearity - A name from the table (snake_case or camelCase).
 * @param param - The negative slope for `'leaky_relu'` (default 0.01); ignored otherwise.
 * @throws {InitError} `INVALID_ARGUMENT` (argument `'nonlinearity'`) for an unknown name;
 * `INVALID_ARGUMENT`/`NOT_FINITE` (argument `'param'`) for a non-numeric or non-finite slope.
 * @example
 * ```ts
 * calculateGain('relu');            // => 1.4142135623730951
 * calculateGain('leaky_relu', 0.2); // => 1.3867504905630728
 * calculateGain('tanh');            // => 1.6666666666666667
 * ```
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number | null): number {
  const n = parseNonlinearity(nonlinearity);
  switch (n) {
    case 'tanh':
      return 5.0 / 3;
    case 'relu':
      return Math.sqrt(2.0);
    case 'leaky_relu': {
      const s = slopeOf(param);
      return Math.sqrt(2.0 / (1 + s * s));
    }
    case 'selu':
      return 3.0 / 4;
    default:
      return 1;
  }
}

/**
 * The square of {@link calculateGain}, computed without rounding through the square root
 * (relu gives exactly 2), as Keras/JAX `scale` values are written.
 */
export function gainSquared(nonlinearity: Nonlinearity, slope: number): number {
  switch (nonlinearity) {
    case 'tanh':
      return 25 / 9;
    case 'relu':
      return 2;
    case 'leaky_relu':
      return 2 / (1 + slope * slope);
    case 'selu':
      return 9 / 16;
    default:
      return 1;
  }
}
