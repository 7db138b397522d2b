import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { STATE_KEYS } from './state/schema';

it('the README documents every URL key', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const missing = STATE_KEYS.filter((k) => !readme.includes(`\`${k}\``));
  expect(missing).toEqual([]);
});
