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

describe('README CLI excerpts', () => {
  it('every line shown after `$ init-advisor ...` is a line of the real output ("..." marks an omission)', async () => {
    const { runCli } = await import('./cli-run');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    let examples = 0;
    for (const block of readme.matchAll(/```text\n([\s\S]*?)```/g)) {
      const parts = block[1]!.split(/^\$ (init-advisor .*)$/m);
      for (let i = 1; i < parts.length; i += 2) {
        const args = parts[i]!.split(' ').slice(1);
        const out = runCli(args);
        expect(out.code, parts[i]).toBe(0);
        const lines = out.stdout.split('\n');
        for (const line of parts[i + 1]!.split('\n')) {
          if (line.trim() === '' || line.trim() === '...') continue;
          const pattern = new RegExp(`^${line.split('...').map(literal).join('.*')}$`);
          expect(
            lines.some((l) => pattern.test(l)),
            `${parts[i]}: ${line}`,
          ).toBe(true);
        }
        examples++;
      }
    }
    expect(examples).toBeGreaterThanOrEqual(7);
  });
});

describe('README as npm shows it', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it('the install line lists every package the examples import', () => {
    const install = readme.match(/^npm install (.+)$/m)?.[1]?.split(/\s+/) ?? [];
    const imported = new Set(
      [...readme.matchAll(/from '(@init\/[a-z-]+)(?:\/[a-z-]+)?'/g)].map((m) => m[1]!),
    );
    expect(imported.size).toBeGreaterThan(0);
    for (const name of imported) expect(install, name).toContain(name);
  });
  it('advertises npx @init/advisor, links absolutely and makes no 0.x claims', () => {
    expect(readme).toMatch(/npx @init\/advisor /);
    expect(readme).not.toMatch(/npx init-advisor/);
    expect(readme).not.toMatch(/\]\(\.\.?\//);
    expect(readme).not.toMatch(/\b0\.x\b/);
    expect(readme).toMatch(/\(https:\/\/github\.com\/init-toolkit\/init#readme\)/);
  });
});
