/** Stable machine-readable reasons an advisor call is rejected. */
export type AdvisorErrorCode =
  | 'INVALID_ARGUMENT'
  | 'SHAPE_MISMATCH'
  | 'UNSUPPORTED'
  | 'NOT_FINITE'
  | 'TOO_LARGE';

/**
 * The one error class of `@init/advisor`. Every rejected input throws it with a stable
 * `code`, the name of the offending `argument` (a dotted path for nested JSON, such as
 * `layers[2].shape`), and a message that states what is allowed.
 *
 * @example
 * ```ts
 * try { varianceGain('relu7'); } catch (e) { (e as AdvisorError).code; } // => 'UNSUPPORTED'
 * ```
 */
export class AdvisorError extends Error {
  /** Stable reason, safe to switch on. */
  readonly code: AdvisorErrorCode;
  /** Name (or JSON path) of the argument that was rejected. */
  readonly argument: string;

  constructor(code: AdvisorErrorCode, argument: string, message: string) {
    // Only strings are used as they are: anything else (a symbol, an object without a prototype)
    // would make building the message itself throw.
    const arg = typeof argument === 'string' ? argument : 'argument';
    super(`${arg}: ${typeof message === 'string' ? message : 'invalid input'}`);
    this.name = 'AdvisorError';
    this.code = typeof code === 'string' ? code : 'INVALID_ARGUMENT';
    this.argument = arg;
  }
}
