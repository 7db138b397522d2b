import { describe, expect, it } from 'vitest';
import type { Experiment } from './experiment.ts';
import { anchor, resultsDocument, type Stored, summaryTable } from './report.ts';

const experiments: Experiment[] = [
  { name: 'b-two', number: 2, description: 'second', claim: '', source: '' },
  { name: 'a-one', number: 1, description: 'first', claim: '', source: '' },
];
const one: Stored = {
  name: 'a-one',
  number: 1,
  claim: 'a claim',
  source: 'a source',
  settings: { train: 10, depths: [5, 10] },
  seeds: [1, 2],
  tables: [{ title: 't', columns: ['x'], rows: [['1']] }],
  verdict: { verdict: 'holds', rule: 'the rule', detail: 'the detail' },
  figures: ['a-one-loss.svg'],
  meta: { seconds: 12.5, packages: { '@init/nn': '0.1.0' } },
};

describe('report', () => {
  it('lists every experiment in number order, with "not yet run" for those without a result, and the total', () => {
    const t = summaryTable(experiments, new Map([['a-one', one]]), 'RESULTS.md');
    const lines = t.split('\n');
    expect(lines[2]).toBe('| 1 | [`a-one`](RESULTS.md#1-a-one) | holds | 12.5 |');
    expect(lines[3]).toBe('| 2 | `b-two` | not yet run | — |');
    expect(lines[4]).toContain('12.5 (0.2 min)');
  });

  it('writes each result with its claim, setting, tables, verdict and relative figure links', () => {
    const doc = resultsDocument(experiments, new Map([['a-one', one]]));
    expect(doc).toContain('### 1. `a-one`');
    expect(doc).toContain('`depths`: 5, 10');
    expect(doc).toContain('**Verdict: holds.** the detail. Rule: the rule.');
    expect(doc).toContain('![a-one-loss.svg](results/a-one-loss.svg)');
    expect(doc).toContain('Not yet run: no committed `results/b-two.json`. second.');
    expect(anchor({ number: 7, name: 'cnn' })).toBe('7-cnn');
  });
});
