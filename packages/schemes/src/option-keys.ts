import { describeValue, InitError } from './errors';

/** Edit distance between two short strings (insertions, deletions, substitutions, adjacent swaps). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(v);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** Lower case without `_`, `-` and spaces, so `t_max`, `tMax` and `TMAX` compare equal. */
function folded(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

/**
 * The known key closest to `key` (edit distance at most 2, and less than half its length), or
 * undefined when none is close.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const k = folded(key);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(k, folded(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.min(2, Math.floor(Math.max(k.length, 1) / 2)) ? best : undefined;
}

/** The `argument` an unknown key is reported under: the key itself, or `""` for the empty key. */
export function keyArgument(key: string): string {
  return key === '' ? '""' : key;
}

/** The message of an unknown key: what is allowed, and the closest known key if there is one. */
export function unknownKeyMessage(key: string, known: readonly string[], what: string): string {
  const close = closestKey(key, known);
  const hint = close === undefined ? '' : ` (did you mean '${close}'?)`;
  return `is not ${what}${hint}; allowed: ${known.length > 0 ? known.join(', ') : 'none'}`;
}

/**
 * Checks an options argument: `undefined`, or a plain object (or an object without a prototype)
 * whose own keys are all in `known`. Keys whose value is `undefined` are ignored.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (argument `argument`) for anything but an object, or
 * (argument: the key) for an unknown key, with "did you mean" when a known key is close.
 */
export function checkOptionKeys(
  options: unknown,
  known: readonly string[],
  argument: string,
  what: string,
): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InitError('INVALID_ARGUMENT', argument, `must be an object, got ${describeValue(options)}`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined && !known.includes(key)) {
      throw new InitError('INVALID_ARGUMENT', keyArgument(key), unknownKeyMessage(key, known, what));
    }
  }
  return record;
}
