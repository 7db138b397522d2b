import { AdvisorError } from './errors';

/** Largest JSON input the CLI reads (1 MiB). */
export const MAX_JSON_BYTES = 1 << 20;
/** Deepest nesting of arrays/objects accepted. */
export const MAX_JSON_DEPTH = 64;
/** Keys that could reach an object's prototype: rejected anywhere in the input. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting depth of JSON text, counted outside strings (before parsing, so a hostile input cannot blow the stack). */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash escape
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * Parses untrusted JSON: size and nesting limits, and no `__proto__` / `constructor` / `prototype` keys.
 * The text is only parsed as data, never evaluated.
 *
 * @param text - The JSON text.
 * @param argument - Name used in errors (a file name or flag).
 * @returns The parsed value.
 * @throws {AdvisorError} `TOO_LARGE` over 1 MiB or 64 levels; `INVALID_ARGUMENT` for malformed JSON or forbidden keys.
 */
export function parseUntrustedJson(text: string, argument: string): unknown {
  if (text.length > MAX_JSON_BYTES) {
    throw new AdvisorError('TOO_LARGE', argument, `JSON input is larger than ${MAX_JSON_BYTES} bytes`);
  }
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new AdvisorError('TOO_LARGE', argument, `JSON nesting deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let forbidden: string | undefined;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return v;
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message.slice(0, 200) : 'unknown error';
    throw new AdvisorError('INVALID_ARGUMENT', argument, `malformed JSON (${detail})`);
  }
  if (forbidden !== undefined) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `the key '${forbidden}' is not allowed in the input`,
    );
  }
  return value;
}
