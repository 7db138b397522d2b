/** Stable machine-readable reasons a call into `@init/nn` is rejected. */
export type NnErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'NOT_FINITE'
  | 'UNSUPPORTED'
  | 'INVALID_STATE'
  | 'TOO_LARGE';

/**
 * The one error class of `@init/nn`. Every rejected input throws it with a stable `code`, the
 * name of the offending `argument`, and a message that states what is allowed.
 *
 * Codes: `INVALID_ARGUMENT` (a value outside its allowed set or range, an unknown option),
 * `SHAPE_MISMATCH` (shapes that do not fit together; the message names the layer), `NOT_FINITE`
 * (NaN or an infinity where a finite number is required, including in data), `UNSUPPORTED`
 * (a well-formed request this package does not implement), `INVALID_STATE` (a call out of order,
 * such as `backward` before `forward`), `TOO_LARGE` (a size that cannot be allocated).
 *
 * @example
 * ```ts
 * const error = (() => { try { new Dense({ units: 0 }); } catch (e) { return e; } })();
 * [error instanceof NnError, error.code, error.argument]; // => [true, 'INVALID_ARGUMENT', 'units']
 * ```
 */
export class NnError extends Error {
  /** Stable reason, safe to switch on. */
  readonly code: NnErrorCode;
  /** Name of the argument that was rejected (`'units'`, `'inputShape'`, `'data.x'`...). */
  readonly argument: string;

  constructor(code: NnErrorCode, argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'NnError';
    this.code = code;
    this.argument = argument;
  }
}

/** A short, safe rendering of any value for error messages (never throws, never calls user code). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}

/**
 * The `NOT_FINITE` error a layer throws when its arithmetic overflows (for example a GEMM whose
 * finite operands give infinite products). It names the layer and the pass, so that `fit` can
 * report a diverging run instead of failing.
 *
 * @example
 * ```ts
 * try { model.forward(x, 1) } catch (e) { if (e instanceof NonFiniteError) e.layer; } // => '2'
 * ```
 */
export class NonFiniteError extends NnError {
  /** Path of the layer whose computation overflowed. */
  readonly layer: string;
  /** `'forward'` or `'backward'`. */
  readonly phase: 'forward' | 'backward';

  constructor(layer: string, phase: 'forward' | 'backward', message: string) {
    super('NOT_FINITE', layer === '' ? 'layer' : layer, message);
    this.name = 'NnError';
    this.layer = layer;
    this.phase = phase;
  }
}
