import { InitError } from './errors';

/** A parsed JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;

/**
 * Parses JSON text like `JSON.parse`, but rejects duplicate keys in any object (JSON.parse silently
 * keeps the last one, which would let a file hide a tensor) and nesting deeper than 64 levels.
 * Linear time in the text length.
 *
 * @throws {InitError} `INVALID_ARGUMENT` (the given `argument`) for malformed JSON or a duplicate key.
 */
export function parseStrictJson(text: string, argument: string): JsonValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new InitError('INVALID_ARGUMENT', argument, `is not valid JSON: ${what} at character ${i}`);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let simple = true;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('a control character inside a string');
      if (c === 0x5c) {
        simple = false;
        i += 2;
      } else i++;
    }
    if (i >= text.length) fail('an unterminated string');
    i++;
    const raw = text.slice(start, i);
    if (simple) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return fail('a bad escape sequence');
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail('nesting deeper than 64 levels');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [key: string]: JsonValue } = Object.create(null);
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a key that is not a string');
        const key = str();
        if (seen.has(key)) {
          throw new InitError(
            'INVALID_ARGUMENT',
            argument,
            `has the key ${JSON.stringify(key.slice(0, 80))} twice`,
          );
        }
        seen.add(key);
        ws();
        if (text[i] !== ':') fail("a missing ':'");
        i++;
        obj[key] = value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail("a missing ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail("a missing ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null || m[0].length === 0) return fail('an unexpected character');
    i += m[0].length;
    return Number(m[0]);
  };
  const result = value(0);
  ws();
  if (i !== text.length) fail('trailing characters');
  return result;
}
