import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_DIR } from './results.ts';
import { markdownTable, type Table } from './table.ts';

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

interface Stored {
  name: string;
  number: number;
  claim: string;
  source: string;
  settings: Record<string, unknown>;
  seeds: number[];
  tables: Table[];
  verdict: { verdict: string; rule: string; detail: string };
  figures: string[];
  meta: { seconds: number; packages: Record<string, string> };
}

/** The Markdown section of one committed result. */
export function resultSection(r: Stored): string {
  const settings = Object.entries(r.settings)
    .map(([k, v]) => `\`${k}\`: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
  return [
    `### ${r.number}. \`${r.name}\``,
    '',
    `**Claim.** ${r.claim} (${r.source})`,
    '',
    `**Setting.** ${settings}. Seeds ${r.seeds.join(', ')}. Run time ${r.meta.seconds} s.`,
    '',
    ...r.tables.flatMap((t) => [`*${t.title}*`, '', markdownTable(t), '']),
    `**Verdict: ${r.verdict.verdict}.** ${r.verdict.detail}. Rule: ${r.verdict.rule}.`,
    '',
    ...r.figures.map((f) => `![${f}](results/${f})`),
    '',
  ].join('\n');
}

/** Rewrites the results part of README.md (between the markers) from `results/*.json`. */
export function updateReadme(): void {
  const dir = join(APP_DIR, 'results');
  const stored = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Stored)
    .sort((a, b) => a.number - b.number);
  const path = join(APP_DIR, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md has no results markers');
  const summary = markdownTable({
    title: 'summary',
    columns: ['#', 'experiment', 'verdict', 'seconds'],
    rows: stored.map((r) => [String(r.number), `\`${r.name}\``, r.verdict.verdict, String(r.meta.seconds)]),
  });
  const sections = stored.map(resultSection).join('\n');
  writeFileSync(
    path,
    `${readme.slice(0, a + START.length)}\n\n${summary}\n\n${sections}\n${readme.slice(b)}`,
  );
}

if (process.argv[1]?.endsWith('report.ts')) updateReadme();
