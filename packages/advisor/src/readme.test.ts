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

describe('README CLI example', () => {
  it('shows the real output of `recommend --activation relu --arch cnn --depth 50`', async () => {
    const { runCli } = await import('./cli-run');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const a = '$ init-advisor recommend --activation relu --arch cnn --depth 50\n';
    const i = readme.indexOf(a) + a.length;
    const j = readme.indexOf('\n\n$ init-advisor recommend --preset chatbot_memory');
    expect(readme.slice(i, j).trim()).toBe(
      runCli(['recommend', '--activation', 'relu', '--arch', 'cnn', '--depth', '50']).stdout.trim(),
    );
  });
});
