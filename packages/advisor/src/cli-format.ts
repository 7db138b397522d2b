import type { SchemeConfig } from './context';

/** `he_normal(mode=fan_in, nonlinearity=relu)`: a config on one line. */
export function formatConfig(config: SchemeConfig): string {
  const params = Object.entries(config)
    .filter(([k]) => k !== 'name')
    .map(
      ([k, v]) =>
        `${k}=${typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`,
    );
  return params.length === 0 ? config.name : `${config.name}(${params.join(', ')})`;
}

/** Numbers for humans: 6 significant digits, exponent form for very small or large values. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0 || Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1e-4 && a < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(3);
}

/** Splits text into lines of at most `width` characters at spaces (long words are kept whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/**
 * A plain-text table with a header rule; cells are left-aligned and the last column is wrapped so
 * that lines stay within about `lineWidth` characters (default 120).
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  lineWidth = 120,
): string {
  const last = header.length - 1;
  const widths = header.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => (j === last ? 0 : (r[j] ?? '').length))),
  );
  const prefix = widths.slice(0, last).reduce((a, w) => a + w + 2, 0);
  const lastWidth = Math.max(40, lineWidth - prefix);
  widths[last] = Math.min(
    lastWidth,
    Math.max(header[last]!.length, ...rows.map((r) => (r[last] ?? '').length)),
  );
  const pad = ' '.repeat(prefix);
  const line = (cells: readonly string[]) => {
    const head = cells
      .slice(0, last)
      .map((c, j) => c.padEnd(widths[j]!))
      .join('  ');
    const [first, ...more] = wrap(cells[last] ?? '', lastWidth);
    return [`${head}${last > 0 ? '  ' : ''}${first}`.trimEnd(), ...more.map((m) => `${pad}${m}`)].join('\n');
  };
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A titled section of bullet lines wrapped at about 110 characters (omitted when empty). */
export function section(title: string, lines: readonly string[], bullet = '-'): string {
  if (lines.length === 0) return '';
  const body = lines.map((l) => {
    const [first, ...more] = wrap(l, 106);
    return [`  ${bullet} ${first}`, ...more.map((m) => `    ${m}`)].join('\n');
  });
  return `${title}\n${body.join('\n')}\n`;
}

/**
 * True for characters that must not reach a terminal raw: C0 and C1 controls and DEL, the line and
 * paragraph separators U+2028/U+2029 (line breaks to JavaScript and many viewers), and invisible
 * format characters that reorder or hide text (zero-width and bidirectional controls, the BOM).
 */
function isControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff ||
    (code >= 0xfff9 && code <= 0xfffb)
  );
}

/** True when the UTF-16 unit at i is half of a surrogate pair that is not complete. */
function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

function escapeControls(text: string, keepNewline: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(isControl(code) || isLoneSurrogate(text, i)) || (keepNewline && code === 10)) continue;
    out += text.slice(from, i);
    out += code === 10 ? '\\n' : code === 9 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** User text made safe for one terminal line: control and format characters (newlines, escapes, U+2028, lone surrogates) shown as `\n` or `\uXXXX`. */
export function printable(text: string): string {
  return escapeControls(text, false);
}

/** Multi-line output with every control character except the line break shown as `\uXXXX`. */
export function printableLines(text: string): string {
  return escapeControls(text, true);
}

/**
 * An error message as one short line: control characters escaped, quoted values longer than 200
 * characters (only hostile input is that long) cut to their first 40, and the whole capped at 1000 characters.
 */
export function errorLine(message: string): string {
  const short = printable(message).replace(
    /(['"])([^'"]{201,}?)\1/g,
    (_m, q: string, body: string) => `${q}${body.slice(0, 40)}...${q}`,
  );
  return short.length > 1000 ? `${short.slice(0, 997)}...` : short;
}

/**
 * JSON text with the separators and format characters that `JSON.stringify` leaves raw (U+2028,
 * U+2029, zero-width and bidirectional controls) written as `\uXXXX` escapes: the same value,
 * safe to print. (Control characters and lone surrogates are already escaped by `JSON.stringify`.)
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
