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

/** True for C0 and C1 control characters (and DEL). */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function escapeControls(text: string, keepNewline: boolean): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code) || (keepNewline && code === 10)) continue;
    out += text.slice(from, i);
    out += code === 10 ? '\\n' : code === 9 ? '\\t' : `\\u${code.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** User text made safe for one terminal line: control characters (newlines, escapes) shown as `\n` or `\uXXXX`. */
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
