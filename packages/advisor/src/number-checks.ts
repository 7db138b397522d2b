import { AdvisorError } from './errors';
import { valueText } from './value-text';

/**
 * Returns `value` when it is a finite number >= 0 (> 0 unless `allowZero`); otherwise throws
 * `AdvisorError` `INVALID_ARGUMENT` naming `argument`. Shared by the mean-field and propagation entry points.
 */
export function checkNonNegative(value: unknown, argument: string, allowZero: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected a finite number ${allowZero ? '>= 0' : '> 0'}, got ${valueText(value)}`,
    );
  }
  return value;
}
