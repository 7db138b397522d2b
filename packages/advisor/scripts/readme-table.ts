/**
 * Rewrites the decision table in README.md from decisionTableMarkdown(), between the
 * `<!-- decision-table:start -->` and `<!-- decision-table:end -->` markers.
 * Run from packages/advisor: `npx tsx scripts/readme-table.ts`. The test suite checks the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decisionTableMarkdown } from '../src/decision-table';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
const readme = readFileSync(path, 'utf8');
const start = '<!-- decision-table:start -->';
const end = '<!-- decision-table:end -->';
const i = readme.indexOf(start);
const j = readme.indexOf(end);
if (i === -1 || j === -1 || j < i) throw new Error('README.md: decision-table markers not found');
const next = `${readme.slice(0, i + start.length)}\n${decisionTableMarkdown()}\n${readme.slice(j)}`;
writeFileSync(path, next);
