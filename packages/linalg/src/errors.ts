/** Stable machine-readable reasons a linear-algebra call is rejected. */
export type LinalgErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'NOT_FINITE'
  | 'UNSUPPORTED'
  | 'NOT_CONVERGED';

/**
 * The one error class of `@init/linalg`. Every rejected input throws it with a stable
 * `code`, the name of the offending `argument`, and a message that states what is allowed.
 *
 * @example
 * ```ts
 * try { matrix(-1, 2); } catch (e) { (e as LinalgError).argument; } // => 'rows'
 * ```
 */
export class LinalgError extends Error {
  /** Stable reason, safe to switch on. */
  readonly code: LinalgErrorCode;
  /** Name of the argument that was rejected. */
  readonly argument: string;

  constructor(code: LinalgErrorCode, argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'LinalgError';
    this.code = code;
    this.argument = argument;
  }
}
