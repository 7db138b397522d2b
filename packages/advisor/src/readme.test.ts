import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decisionTableMarkdown } from './decision-table';

describe('README', () => {
  it('embeds the current decision table (regenerate with npx tsx scripts/readme-table.ts)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('<!-- decision-table:start -->');
    const end = readme.indexOf('<!-- decision-table:end -->');
    expect(start).toBeGreaterThan(0);
    const embedded = readme.slice(start + '<!-- decision-table:start -->'.length, end).trim();
    expect(embedded).toBe(decisionTableMarkdown());
  });
});
