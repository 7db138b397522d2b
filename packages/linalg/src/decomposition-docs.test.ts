import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from './index';

/**
 * Runs the `@example` blocks of the decomposition, check, matrix and error modules: every
 * `expression; // => value` line becomes a check. Numbers compare to 1e-9 relative (the examples
 * state rounded or "up to rounding" values); a trailing parenthetical note is ignored.
 */
const files = [
  'qr.ts',
  'svd.ts',
  'tridiagonal.ts',
  'jacobi.ts',
  'orthogonality.ts',
  'spectral-norm.ts',
  'spectrum.ts',
  'norms.ts',
  'hadamard.ts',
  'identity.ts',
  'transpose-copy.ts',
  'block-reflectors.ts',
  'matrix.ts',
  'errors.ts',
];

function close(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    return (
      Array.isArray(list) && list.length === expected.length && expected.every((e, i) => close(list[i], e))
    );
  }
  return actual === expected;
}

const examples: { file: string; code: string }[] = [];
for (const f of files) {
  const text = readFileSync(new URL(f, import.meta.url), 'utf8');
  for (const m of text.matchAll(/@example\s*\n\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g)) {
    const code = (m[1] as string)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push({ file: f, code });
  }
}

describe('TSDoc examples of the decompositions and checks', () => {
  it('every module has an example', () => {
    expect(new Set(examples.map((e) => e.file)).size).toBe(files.length);
  });
  for (const { file, code } of examples) {
    it(`${file}: ${code.split('\n')[0]}`, () => {
      const body: string[] = [];
      let checks = 0;
      for (const raw of code.split('\n')) {
        // Drop TypeScript non-null assertions (`q!`) so the line runs as JavaScript.
        const line = raw.replace(/(\w)!(?=[,).\s])/g, '$1');
        const m = /^(.*?);\s*\/\/ => (.*?)(\s+\(.*\))?\s*$/.exec(line);
        if (m) {
          body.push(`__check(${m[1]}, ${m[2]});`);
          checks++;
        } else body.push(line);
      }
      expect(checks).toBeGreaterThan(0);
      const names = Object.keys(api);
      const fn = new Function(...names, '__check', body.join('\n'));
      fn(...names.map((n) => (api as Record<string, unknown>)[n]), (actual: unknown, expected: unknown) => {
        expect(close(actual, expected), `${String(actual)} vs ${String(expected)}`).toBe(true);
      });
    });
  }
});
