import { AdvisorError } from './errors';

/** A flag a command accepts: boolean switches take no value. */
export interface FlagSpec {
  readonly name: string;
  readonly kind: 'boolean' | 'string' | 'number' | 'integer';
  readonly help: string;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlyMap<string, string | number | boolean>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Strict decimal number parsing: no hex, no blanks, no Infinity. */
export function parseNumber(text: string, argument: string): number {
  if (!NUMBER.test(text)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `expected a decimal number, got '${text.slice(0, 40)}'`,
    );
  }
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new AdvisorError('NOT_FINITE', argument, `'${text.slice(0, 40)}' is out of range`);
  return value;
}

/**
 * Parses `--name value`, `--name=value` and boolean `--name` flags against a whitelist.
 *
 * @throws {AdvisorError} `INVALID_ARGUMENT` for unknown or repeated flags, missing values, or bad numbers.
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | number | boolean>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('--') || token === '--') {
      if (token.startsWith('-') && token.length > 1 && !NUMBER.test(token)) {
        throw new AdvisorError(
          'INVALID_ARGUMENT',
          token.slice(0, 40),
          `unknown option for '${command}'; allowed: ${specs.map((s) => `--${s.name}`).join(', ')}`,
        );
      }
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq === -1 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      throw new AdvisorError(
        'INVALID_ARGUMENT',
        `--${name.slice(0, 40)}`,
        `unknown option for '${command}'; allowed: ${specs.map((s) => `--${s.name}`).join(', ')}`,
      );
    }
    if (flags.has(name)) throw new AdvisorError('INVALID_ARGUMENT', `--${name}`, 'given more than once');
    if (spec.kind === 'boolean') {
      if (eq !== -1) throw new AdvisorError('INVALID_ARGUMENT', `--${name}`, 'takes no value');
      flags.set(name, true);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = token.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq === -1 && value.startsWith('--'))) {
      throw new AdvisorError('INVALID_ARGUMENT', `--${name}`, 'needs a value');
    }
    if (spec.kind === 'number') flags.set(name, parseNumber(value, `--${name}`));
    else if (spec.kind === 'integer') {
      const n = parseNumber(value, `--${name}`);
      if (!Number.isInteger(n))
        throw new AdvisorError(
          'INVALID_ARGUMENT',
          `--${name}`,
          `expected an integer, got '${value.slice(0, 40)}'`,
        );
      flags.set(name, n);
    } else flags.set(name, value);
  }
  return { positionals, flags };
}
