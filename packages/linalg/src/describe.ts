/**
 * A short, safe description of any value for an error message. Unlike `String(value)` it never
 * throws (symbols, objects without a prototype, objects whose `toString` throws) and it keeps
 * messages one short line (strings are quoted and cut at 40 characters). Internal.
 */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value.toString()}n (a BigInt)`;
    case 'string': {
      const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      return JSON.stringify(cut);
    }
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return 'an array';
      if (value instanceof Float32Array) return 'a Float32Array';
      if (value instanceof Float64Array) return 'a Float64Array';
      if (ArrayBuffer.isView(value)) return 'a typed array other than Float32Array or Float64Array';
      return Object.getPrototypeOf(value) === null ? 'an object without a prototype' : 'an object';
  }
}
