import { fromConfig } from '@init/schemes';
import { AdvisorError } from '../src/errors';

/** A call that takes longer than this is reported as a hang (a generous bound, not a speed test). */
export const HANG_MS = 3000;

const CODES = ['INVALID_ARGUMENT', 'SHAPE_MISMATCH', 'UNSUPPORTED', 'NOT_FINITE', 'TOO_LARGE'];

/** Result fields documented to be Infinity when the quantity diverges (depth scales, a custom feature radius). */
const MAY_BE_INFINITE = new Set(['xiQ', 'xiC', 'xiGrad', 'featureRadius']);

/** Text for any thrown value, even one whose own toString throws. */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}`;
    return typeof e === 'symbol' ? 'a symbol' : `${typeof e} ${String(e)}`;
  } catch {
    return 'an unprintable value';
  }
}

/** The path of the first NaN, or Infinity outside the documented fields, in a result (undefined if none). */
export function nonFinitePath(value: unknown, path = 'result', seen = new Set<object>()): string | undefined {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return path;
    if (!Number.isFinite(value) && !MAY_BE_INFINITE.has(path.slice(path.lastIndexOf('.') + 1))) return path;
    return undefined;
  }
  if (value === null || typeof value !== 'object' || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const view = value as unknown as ArrayLike<number>;
    for (let i = 0; i < Math.min(view.length, 10_000); i++) {
      const x = view[i]!;
      if (typeof x === 'number' && !Number.isFinite(x)) return `${path}[${i}]`;
    }
    return undefined;
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [`.${k}`, v] as const);
  for (const [key, v] of entries.slice(0, 20_000)) {
    const bad = nonFinitePath(v, `${path}${key}`, seen);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

/**
 * Runs one call under the contract: it returns or throws an `AdvisorError` with a known string
 * `code` and a non-empty string `argument`, within {@link HANG_MS}; a returned value holds no NaN
 * and no Infinity outside the documented fields. Returns the result (undefined when it threw).
 */
export function checkContract<T>(label: string, call: () => T): T | undefined {
  const start = performance.now();
  let result: T | undefined;
  let thrown: unknown;
  let threw = false;
  try {
    result = call();
  } catch (e) {
    threw = true;
    thrown = e;
  }
  const ms = performance.now() - start;
  if (ms > HANG_MS) throw new Error(`${label}: took ${Math.round(ms)} ms (hang bound ${HANG_MS} ms)`);
  if (threw) {
    if (!(thrown instanceof AdvisorError))
      throw new Error(`${label}: threw a non-AdvisorError: ${describeThrown(thrown)}`);
    if (!CODES.includes(thrown.code)) throw new Error(`${label}: unknown code ${String(thrown.code)}`);
    if (typeof thrown.argument !== 'string' || thrown.argument.length === 0) {
      throw new Error(`${label}: error without an argument: ${thrown.message}`);
    }
    return undefined;
  }
  const bad = nonFinitePath(result);
  if (bad !== undefined) throw new Error(`${label}: non-finite number at ${bad}`);
  return result;
}

/** Every scheme config an advisor result hands out must build with @init/schemes' `fromConfig`. */
export function checkConfigs(label: string, configs: readonly unknown[]): void {
  for (const c of configs) {
    try {
      fromConfig(c as never);
    } catch (e) {
      throw new Error(`${label}: returned config ${JSON.stringify(c)} does not build: ${describeThrown(e)}`);
    }
  }
}
