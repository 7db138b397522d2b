import { AdvisorError } from './errors';
import { valueText } from './value-text';

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const row = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[n]!;
}

/**
 * The allowed name closest to `given` (case-insensitive edit distance at most a third of its length,
 * at least 1, or a case-only difference), or undefined when none is close.
 */
export function closestName(given: string, allowed: readonly string[]): string | undefined {
  if (given.length > 64) return undefined;
  const g = given.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of allowed) {
    const d = editDistance(g, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(given.length / 3)) ? best : undefined;
}

/** True for a non-null, non-array object (with or without a prototype). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks an options object: `undefined` reads as `{}`; anything else must be a plain object whose own
 * keys are all in `allowed`. The one unknown-key check of the package, used by every public function.
 *
 * @param value - The options as given.
 * @param allowed - Known keys.
 * @param argument - Name of the options argument (`'options'`, `'context'`...), reported for a non-object.
 * @param prefix - Prefix of a key's error argument: `''` reports the bare key, `'layers[0]'` gives `layers[0].key`.
 * @returns The options, typed as `T` (a record by default).
 * @throws {AdvisorError} `INVALID_ARGUMENT` for a non-object (null, array, number...) or an unknown key,
 *   with "did you mean 'x'?" when a known key is close.
 */
export function checkOptions<T extends object = Readonly<Record<string, unknown>>>(
  value: unknown,
  allowed: readonly string[],
  argument: string,
  prefix = '',
): T {
  if (value === undefined) return {} as T;
  if (!isRecord(value)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected an object { ${allowed.map((k) => `${k}?`).join(', ')} }, got ${valueText(value)}`,
    );
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && allowed.includes(key)) continue;
    const name = typeof key === 'symbol' ? 'a symbol key' : key === '' ? "''" : key.slice(0, 200);
    const near = typeof key === 'string' ? closestName(key, allowed) : undefined;
    const shown = typeof key === 'string' ? `'${key.length > 60 ? `${key.slice(0, 40)}...` : key}'` : name;
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      prefix === '' ? String(name) : `${prefix}.${String(name)}`,
      `unknown option ${shown}${near ? ` (did you mean '${near}'?)` : ''}; allowed: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}
