/** Stable machine-readable reasons a linear-algebra call is rejected. */
export type LinalgErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'NOT_FINITE'
  | 'UNSUPPORTED'
  | 'NOT_CONVERGED'
  | 'TOO_LARGE';

/**
 * The one error class of `@init/linalg`. Every rejected input throws it with a stable
 * `code`, the name of the offending `argument`, and a message that states what is allowed.
 *
 * `message = argument + ': ' + reason`. Cost: constructing one costs what any `Error` does (a
 * stack trace); checks that may throw it are `O(1)` or ride along a copy the call makes anyway.
 *
 * @param code - Stable reason (`'INVALID_ARGUMENT'`, `'SHAPE_MISMATCH'`, `'NOT_FINITE'`,
 * `'UNSUPPORTED'`, `'NOT_CONVERGED'`, `'TOO_LARGE'`).
 * @param argument - Name of the rejected argument.
 * @param message - What was wrong and what is allowed.
 * @throws Never (it is what the other functions throw).
 * @example
 * ```ts
 * let caught;
 * try { matrix(-1, 2); } catch (e) { caught = e; }
 * caught instanceof LinalgError; // => true
 * caught.code; // => 'INVALID_ARGUMENT'
 * caught.argument; // => 'rows'
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
