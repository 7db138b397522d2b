import { RngError } from './errors';

/** Throws NOT_FINITE unless `value` is a finite number. */
export function checkFinite(value: unknown, argument: string): number {
  if (typeof value !== 'number') {
    throw new RngError('INVALID_ARGUMENT', argument, `expected a finite number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value)) {
    throw new RngError('NOT_FINITE', argument, `expected a finite number, got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a number that is not NaN (infinities allowed). */
export function checkNotNaN(value: unknown, argument: string): number {
  if (typeof value !== 'number') {
    throw new RngError('INVALID_ARGUMENT', argument, `expected a number, got ${describe(value)}`);
  }
  if (Number.isNaN(value))
    throw new RngError('NOT_FINITE', argument, 'expected a number or ±Infinity, got NaN');
  return value;
}

/** Throws unless `value` is an integer in [min, max] (both safe integers). */
export function checkInteger(value: unknown, argument: string, min: number, max: number): number {
  if (typeof value !== 'number') {
    throw new RngError(
      'INVALID_ARGUMENT',
      argument,
      `expected an integer in [${min}, ${max}], got ${describe(value)}`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new RngError('NOT_FINITE', argument, `expected an integer in [${min}, ${max}], got ${value}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RngError('INVALID_ARGUMENT', argument, `expected an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/** Throws unless `value` is a finite number >= 0. */
export function checkNonNegative(value: unknown, argument: string): number {
  const v = checkFinite(value, argument);
  if (v < 0) throw new RngError('INVALID_ARGUMENT', argument, `expected a finite number >= 0, got ${v}`);
  return v;
}

/** Short description of a value's type for error messages; never throws (prototype-less objects, symbols, proxies). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
      return `number ${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'bigint':
      return `bigint ${value.toString()}n`;
    case 'symbol':
      return `symbol ${JSON.stringify(value.description ?? '')}`;
    case 'function':
      return 'function';
    case 'boolean':
      return `boolean ${value}`;
    default:
      return objectName(value as object);
  }
}

/** The constructor name of an object, or 'object' (prototype-less objects, throwing getters, proxies). */
function objectName(value: object): string {
  try {
    if (Array.isArray(value)) return `array of length ${value.length}`;
    const ctor: unknown = (value as { constructor?: unknown }).constructor;
    if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '') return ctor.name;
  } catch {
    // fall through: the object refuses inspection
  }
  return 'object';
}
