/** What the command line asks for. */
export interface RunRequest {
  readonly kind: 'run';
  readonly names: readonly string[];
  readonly quick: boolean;
}

/** The parsed command line: a run, the list, the help text, or an error with its exit code. */
export type ParsedArgs =
  | RunRequest
  | { readonly kind: 'list' }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string; readonly exitCode: 2 };

const FLAGS = ['--quick', '--list', '--help'] as const;

/**
 * Levenshtein distance between two strings (insertions, deletions and substitutions cost 1).
 *
 * @example
 * ```ts
 * editDistance('selu', 'seul'); // => 2
 * ```
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The known name closest to `name`, if it is close enough to be a likely typo
 * (distance at most max(2, ⌊length/3⌋), or one name contains the other).
 *
 * @example
 * ```ts
 * suggest('deep-liner', ['deep-linear', 'selu']); // => 'deep-linear'
 * ```
 */
export function suggest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = k.includes(name) || name.includes(k) ? 0.5 : editDistance(name, k);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Parses the runner's arguments: experiment names, `--quick`, `--list`, `--help`.
 * Unknown names and flags give an error (exit code 2) with a "did you mean" when a known one is close.
 *
 * @param argv - the arguments after the script name
 * @param known - the experiment names
 * @example
 * ```ts
 * parseArgs(['selu', '--quick'], ['selu']); // => { kind: 'run', names: ['selu'], quick: true }
 * ```
 */
export function parseArgs(argv: readonly string[], known: readonly string[]): ParsedArgs {
  let quick = false;
  let list = false;
  const names: string[] = [];
  for (const arg of argv) {
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (arg === '--quick') quick = true;
      else if (arg === '--list') list = true;
      else if (arg === '--help' || arg === '-h') return { kind: 'help' };
      else return unknown('flag', arg, FLAGS);
    } else if (known.includes(arg)) {
      if (!names.includes(arg)) names.push(arg);
    } else {
      return unknown('experiment', arg, known);
    }
  }
  if (list) return { kind: 'list' };
  return { kind: 'run', names: names.length > 0 ? names : [...known], quick };
}

function unknown(what: string, arg: string, known: readonly string[]): ParsedArgs {
  const close = suggest(
    arg.replace(/^-+/, ''),
    known.map((k) => k.replace(/^-+/, '')),
  );
  const hint = close === undefined ? '' : ` (did you mean '${what === 'flag' ? `--${close}` : close}'?)`;
  const tail =
    what === 'flag' ? `known flags: ${known.join(', ')}` : 'run with --list to see the experiments';
  return { kind: 'error', exitCode: 2, message: `unknown ${what} '${arg}'${hint}; ${tail}` };
}
