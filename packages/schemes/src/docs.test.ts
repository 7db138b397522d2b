import { readdirSync, readFileSync } from 'node:fs';
import * as rng from '@init/rng';
import { describe, expect, it } from 'vitest';
import * as api from './index';

/**
 * Runs every `@example` of the public TSDoc: each `expression; // => value` line (or a `// => value`
 * line right after a statement) becomes an equality check.
 */
const dir = new URL('.', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

function toJs(expected: string): string {
  return expected
    .replace(/\s+\(.*\)\s*$/, '')
    .replace(/(Float32Array|Float64Array|Uint32Array) \[/g, 'new $1([')
    .replace(/new (Float32Array|Float64Array|Uint32Array)\(\[([^\]]*)\]/g, 'new $1([$2])');
}

function normalize(v: unknown): unknown {
  if (ArrayBuffer.isView(v))
    return { typed: v.constructor.name, values: Array.from(v as unknown as ArrayLike<number>) };
  if (Array.isArray(v)) return v.map(normalize);
  return v;
}

const examples: { file: string; code: string }[] = [];
for (const f of files) {
  const text = readFileSync(new URL(f, dir), 'utf8');
  for (const m of text.matchAll(
    /@example\s*\n((?:\s*\*.*\n)*?)\s*\*\s*```ts\n((?:\s*\*.*\n)*?)\s*\*\s*```/g,
  )) {
    const code = (m[2] as string)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''))
      .join('\n');
    examples.push({ file: f, code });
  }
}

describe('TSDoc examples', () => {
  it('found examples in every file with public exports', () => {
    expect(examples.length).toBeGreaterThan(40);
  });
  for (const { file, code } of examples) {
    it(`${file}: ${code.split('\n')[0]}`, () => {
      const lines = code.split('\n').filter((l) => l.trim() !== '');
      const body: string[] = [];
      let checks = 0;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i] as string;
        const inline = /^(.*?);\s*\/\/ => (.*)$/.exec(line);
        const next = lines[i + 1];
        const following = next !== undefined ? /^\s*\/\/ => (.*)$/.exec(next) : null;
        if (inline) {
          body.push(`__check(${inline[1]}, ${toJs(inline[2] as string)});`);
          checks++;
        } else if (following && /;\s*$/.test(line)) {
          body.push(`__check(${line.replace(/;\s*$/, '')}, ${toJs(following[1] as string)});`);
          checks++;
          i++;
        } else body.push(line);
      }
      expect(checks, 'an example states its output').toBeGreaterThan(0);
      const names = Object.keys(api);
      const fn = new Function(...names, 'createRng', '__check', body.join('\n'));
      fn(
        ...names.map((n) => (api as Record<string, unknown>)[n]),
        rng.createRng,
        (actual: unknown, expected: unknown) => expect(normalize(actual)).toEqual(normalize(expected)),
      );
    });
  }
});
