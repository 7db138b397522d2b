/**
 * The URL hash <-> state mapping. Parsing is total: any string gives a valid state (defaults where the
 * hash says nothing usable) and a list of plain-text notices saying what was ignored and why.
 */
import { isInvalid } from './fields';
import { type AppState, defaultState, SCHEMA, STATE_KEYS, type StateKey } from './schema';

/** Hashes longer than this are ignored as a whole. */
export const MAX_HASH_LENGTH = 4096;
/** At most this many `key=value` pairs are read. */
export const MAX_PAIRS = 120;
/** At most this many notices are kept (the rest are counted). */
export const MAX_NOTICES = 8;

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
const KNOWN: ReadonlySet<string> = new Set(STATE_KEYS);

/** The result of reading a hash. */
export interface ParsedHash {
  readonly state: AppState;
  /** Keys whose controls are hidden (`<key>_hide=true`). */
  readonly hidden: ReadonlySet<StateKey>;
  /** What was ignored, in plain text (never HTML). */
  readonly notices: readonly string[];
}

/** `s` cut to `n` characters for a notice, with every non-printable character shown as `?`. */
export function quoteForNotice(s: string, n = 40): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replaced for display
  const clean = s.slice(0, n).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return s.length > n ? `${clean}…` : clean;
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

class Notices {
  readonly list: string[] = [];
  private dropped = 0;
  add(text: string): void {
    if (this.list.length < MAX_NOTICES) this.list.push(text);
    else this.dropped++;
  }
  done(): string[] {
    if (this.dropped > 0) this.list.push(`…and ${this.dropped} more settings were ignored.`);
    return this.list;
  }
}

function applyPair(
  key: string,
  raw: string,
  state: Record<string, unknown>,
  seen: Set<string>,
  hidden: Set<StateKey>,
  notices: Notices,
): void {
  if (!KEY_PATTERN.test(key)) {
    notices.add(`Ignored the setting "${quoteForNotice(key)}": not a valid setting name.`);
    return;
  }
  if (key.endsWith('_hide') && KNOWN.has(key.slice(0, -5))) {
    if (raw === 'true' || raw === '1') hidden.add(key.slice(0, -5) as StateKey);
    else if (raw !== 'false' && raw !== '0') {
      notices.add(`Ignored "${key}": must be true or false.`);
    }
    return;
  }
  if (!KNOWN.has(key)) {
    notices.add(`Ignored the unknown setting "${quoteForNotice(key)}".`);
    return;
  }
  if (seen.has(key)) {
    notices.add(`Ignored a repeated "${key}" (the first one counts).`);
    return;
  }
  seen.add(key);
  const field = SCHEMA[key as StateKey];
  const v = field.parse(raw);
  if (isInvalid(v)) {
    notices.add(`"${key}" = "${quoteForNotice(raw)}" ${v.invalid}; using the default.`);
    return;
  }
  state[key] = v;
}

/**
 * Reads a URL hash (with or without its leading `#`) into a full state.
 *
 * @example
 * ```ts
 * parseHash('#view=train&s_depth=20').state.s_depth; // => 20
 * parseHash('#s_depth=1e308').notices; // => ['"s_depth" = "1e308" must lie in [1, 200]; using the default.']
 * ```
 */
export function parseHash(hash: string): ParsedHash {
  const state = defaultState() as Record<string, unknown>;
  const hidden = new Set<StateKey>();
  const notices = new Notices();
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.length > MAX_HASH_LENGTH) {
    notices.add(
      `The link's settings are too long (${body.length} characters, at most ${MAX_HASH_LENGTH}); all of them were ignored.`,
    );
    return { state: state as AppState, hidden, notices: notices.done() };
  }
  const parts = body.length === 0 ? [] : body.split('&');
  if (parts.length > MAX_PAIRS) {
    notices.add(`The link has ${parts.length} settings (at most ${MAX_PAIRS}); all of them were ignored.`);
    return { state: state as AppState, hidden, notices: notices.done() };
  }
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const raw = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || raw === undefined) {
      notices.add(`Ignored "${quoteForNotice(part)}": it is not valid URL encoding.`);
      continue;
    }
    applyPair(key, raw, state, seen, hidden, notices);
  }
  return { state: state as AppState, hidden, notices: notices.done() };
}

/**
 * Writes the state as a hash (without `#`): `view` and `seed` always, every other key only when it
 * differs from its default, then the hidden keys, in schema order.
 *
 * @example
 * ```ts
 * serializeState({ ...defaultState(), s_depth: 20 }, new Set()); // => 'view=signal&seed=1&s_depth=20'
 * ```
 */
export function serializeState(state: AppState, hidden: ReadonlySet<StateKey> = new Set()): string {
  const parts: string[] = [];
  for (const key of STATE_KEYS) {
    const field = SCHEMA[key] as { default: unknown; format(v: unknown): string };
    const text = field.format(state[key]);
    if (key !== 'view' && key !== 'seed' && text === field.format(field.default)) continue;
    parts.push(`${key}=${encodeURIComponent(text)}`);
  }
  for (const key of STATE_KEYS) if (hidden.has(key)) parts.push(`${key}_hide=true`);
  return parts.join('&');
}
