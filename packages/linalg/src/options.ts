import { describe } from './describe';
import { LinalgError } from './errors';

/**
 * Edit distance between two keys, counting an exchange of two adjacent characters as one edit
 * (optimal string alignment), so that `moed` is one edit from `mode`. Case is ignored.
 */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[x.length] as number[])[y.length] as number;
}

/**
 * The known key closest to `key`, when it is close enough to be a slip of the keyboard (at most
 * one edit for keys of up to four characters, two for longer ones); otherwise undefined.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

const list = (known: readonly string[]): string => known.map((k) => `'${k}'`).join(', ');

/**
 * Reads an options argument: `undefined` gives `{}`; anything else must be a plain object (with
 * or without a prototype) whose own keys are all in `known`. Returns a fresh object holding the
 * own values of the known keys, each read once. Inherited properties are ignored.
 *
 * @throws {LinalgError} `INVALID_ARGUMENT` (naming `argument`) for `null`, a non-object, an array,
 * a symbol key or an unknown key; the message suggests the intended key when one is close
 * ("did you mean 'mode'?") and always lists the known ones.
 */
export function readOptions<K extends string>(
  value: unknown,
  argument: string,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  const out: Partial<Record<K, unknown>> = {};
  if (value === undefined) return out;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must be an options object ({ ${known.join(', ')} }) or undefined, got ${describe(value)}`,
    );
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') {
      throw new LinalgError('INVALID_ARGUMENT', argument, `has a symbol key; known keys are ${list(known)}`);
    }
    if (!(known as readonly string[]).includes(key)) {
      const near = closestKey(key, known);
      const hint = near === undefined ? '' : ` (did you mean '${near}'?)`;
      throw new LinalgError(
        'INVALID_ARGUMENT',
        argument,
        `unknown key ${describe(key)}${hint}; known keys are ${list(known)}`,
      );
    }
  }
  const record = value as Record<string, unknown>;
  for (const key of known) {
    if (Object.hasOwn(value, key)) out[key] = record[key];
  }
  return out;
}

/**
 * An optional boolean option: `true`, `false`, or `undefined` (`fallback`, false unless given); anything else is
 * `INVALID_ARGUMENT` naming `argument`.
 */
export function checkFlag(value: unknown, argument: string, fallback = false): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new LinalgError(
      'INVALID_ARGUMENT',
      argument,
      `must be true, false or undefined, got ${describe(value)}`,
    );
  }
  return value;
}
