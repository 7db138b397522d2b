import { InitError } from '@init/schemes';

/**
 * Checks the options object of a Node-only function: `undefined` (every option at its default) or an object
 * whose keys are all in `known`, each boolean option a boolean. Returns the object (empty for `undefined`).
 *
 * @param options - what the caller passed
 * @param known - the allowed keys
 * @param booleans - the keys among them whose values must be booleans when given
 * @param example - shown in the message for a non-object, such as `{ direct: true }`
 * @throws {InitError} `INVALID_ARGUMENT`: argument `options` for a non-object or an unknown key (the allowed keys
 *   listed), or the key of a boolean option whose value is not a boolean
 */
export function checkNodeOptions(
  options: unknown,
  known: readonly string[],
  booleans: readonly string[],
  example: string,
): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new InitError('INVALID_ARGUMENT', 'options', `must be an object like ${example}`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!known.includes(key))
      throw new InitError(
        'INVALID_ARGUMENT',
        'options',
        `unknown option '${key.slice(0, 40)}'; allowed: ${known.join(', ')}`,
      );
  }
  for (const key of booleans) {
    const value = record[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InitError(
        'INVALID_ARGUMENT',
        key,
        `must be a boolean, got a ${value === null ? 'null' : typeof value}`,
      );
    }
  }
  return record;
}
