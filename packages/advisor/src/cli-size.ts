import { AdvisorError } from './errors';

const UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
};

/**
 * Parses a byte size as Hugging Face writes `max_shard_size`: `2GB` (10^9), `500MB`, `1.5GiB` (2^30), `123`.
 *
 * @throws {AdvisorError} `INVALID_ARGUMENT` (the given argument) for anything else or a size below 1 byte
 */
export function parseByteSize(text: string, argument: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)?$/i.exec(text.trim());
  const unit = UNITS[(m?.[2] ?? '').toUpperCase()];
  if (!m || unit === undefined) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected a size such as 2GB, 500MB or 1GiB, got '${text.slice(0, 40)}'`,
    );
  }
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `'${text.slice(0, 40)}' is not a size from 1 byte to 2^53`,
    );
  return bytes;
}

/** Human-readable bytes: `497.8 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes / 1e3;
  let k = 0;
  while (v >= 1e3 && k < units.length - 1) {
    v /= 1e3;
    k++;
  }
  return `${v.toFixed(1)} ${units[k]}`;
}
