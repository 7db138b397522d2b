import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, MAX_ELEMENTS, MAX_SPLIT } from './index';

// Every `// =>` output stated in the README is checked here by evaluating its line. Such lines must start
// from a fresh `createRng(...)`, so a stated value never depends on draws made by earlier lines.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const stated = readme
  .split('\n')
  .map((line, i) => ({ line, number: i + 1 }))
  .filter(({ line }) => line.includes('// =>') || /\/\/.*, => /.test(line));

function check(value: unknown, claim: string): void {
  const array = /^(\w+Array) \[(.*)\]$/.exec(claim);
  if (array) {
    expect((value as object).constructor.name).toBe(array[1]);
    const items = array[2]!.split(',').map((s) => s.trim());
    const got = Array.from(value as ArrayLike<number>);
    expect(got.length).toBe(items.length);
    items.forEach((item, i) => {
      const digits = item.replace(/\.\.\.$/, '');
      if (item.endsWith('...')) expect(String(got[i])).toMatch(new RegExp(`^${digits.replace('.', '\\.')}`));
      else expect(got[i]).toBe(Number(digits));
    });
    return;
  }
  expect(value).toBe(Number(claim));
}

describe('README limits', () => {
  it('states the exported limits and links to the project by absolute URL', () => {
    expect(2 ** 28).toBe(MAX_ELEMENTS);
    expect(2 ** 16).toBe(MAX_SPLIT);
    expect(readme).toContain('`MAX_ELEMENTS` = 2^28');
    expect(readme).toContain('`MAX_SPLIT` = 2^16');
    expect(readme).not.toMatch(/\]\(\.\.?\//);
  });
});

describe('README examples', () => {
  it('states some outputs', () => {
    expect(stated.length).toBeGreaterThanOrEqual(4);
  });
  it.each(stated)('line $number states the real output', ({ line }) => {
    const [code, comment] = line.split('//') as [string, string];
    const expression = code.trim().replace(/;$/, '');
    expect(expression.startsWith('createRng(')).toBe(true);
    const claim = comment.slice(comment.indexOf('=>') + 2).trim();
    const value = new Function('createRng', `return ${expression};`)(createRng);
    check(value, claim);
  });
});
