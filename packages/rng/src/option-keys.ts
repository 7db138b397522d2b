import { describe } from './argument-checks';
import { RngError, type RngErrorCode } from './errors';

/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of adjacent characters
 * each cost 1 (optimal string alignment), so `'algoritm'` is 1 from `'algorithm'` and `'dtyep'` 1 from `'dtype'`.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = new Uint32Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/** The known key closest to `key` when it is close enough to be a likely misspelling, else undefined. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const probe = key.toLowerCase();
  for (const k of known) {
    const distance = editDistance(probe, k.toLowerCase());
    if (distance < bestDistance) {
      best = k;
      bestDistance = distance;
    }
  }
  // At most 2 edits, and fewer than half the letters of the known key.
  return best !== undefined && bestDistance <= Math.min(2, Math.floor(best.length / 2)) ? best : undefined;
}

/**
 * Validates an options argument: `undefined` (no options) or an object (prototype-less objects included)
 * whose own keys are all in `known`. Returns the options as a record, or undefined.
 *
 * @throws RngError `INVALID_ARGUMENT` (argument `argument`) for null, arrays and non-objects, and `code`
 *   (default `INVALID_ARGUMENT`) for an unknown key, with "did you mean 'x'?" when a known key is close.
 */
export function checkOptions(
  options: unknown,
  argument: string,
  known: readonly string[],
  code: RngErrorCode = 'INVALID_ARGUMENT',
): Readonly<Record<string, unknown>> | undefined {
  if (options === undefined) return undefined;
  const example = `{ ${known.map((k) => `${k}?`).join(', ')} }`;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new RngError(
      'INVALID_ARGUMENT',
      argument,
      `expected undefined or an options object ${example}, got ${describe(options)}`,
    );
  }
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key === 'string' && known.includes(key)) continue;
    const name = typeof key === 'string' ? JSON.stringify(key) : describe(key);
    const near = typeof key === 'string' ? closestKey(key, known) : undefined;
    throw new RngError(
      code,
      argument,
      `unknown ${code === 'INVALID_STATE' ? 'field' : 'option'} ${name}${near ? ` (did you mean '${near}'?)` : ''}; known options: ${example}`,
    );
  }
  return options as Readonly<Record<string, unknown>>;
}
