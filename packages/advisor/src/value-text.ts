/**
 * Text for a value inside an error message, safe for any input: prototype-less objects, BigInt,
 * symbols, functions and cyclic objects never make the message itself throw.
 */
export function valueText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `'${value.length > 60 ? `${value.slice(0, 40)}...` : value}'`;
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `${value}n (a BigInt)`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of length ${value.length}`;
      return Object.getPrototypeOf(value) === null ? 'an object without a prototype' : 'an object';
  }
}
