import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Activation,
  cosineSchedule,
  Dense,
  diagnose,
  evaluate,
  exportNpy,
  fit,
  loadModel,
  Model,
  Monitor,
  saveModel,
  spirals,
} from './index';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const self = readFileSync(new URL(import.meta.url), 'utf8');
const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

/** The example's statements with their trailing comments removed. */
function codeLines(block: string): string[] {
  return block
    .split('\n')
    .map((l) => l.replace(/\s*\/\/.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('import ') && !l.startsWith('console.log'));
}

describe('README example', () => {
  it('every statement of the example is run by this test', () => {
    const lines = codeLines(example);
    expect(lines.length).toBeGreaterThan(10);
    const squash = (t: string) => t.replace(/[\s,;]/g, '');
    const body = squash(self);
    for (const line of lines) expect(body.includes(squash(line)), line).toBe(true);
  });

  it('gives the stated outputs', () => {
    const data = spirals({ n: 400, rng: 11, noise: 0.02 });
    const model = new Model(
      [
        new Dense({ units: 48 }),
        new Activation({ name: 'relu' }),
        new Dense({ units: 48 }),
        new Activation({ name: 'relu' }),
        new Dense({ units: 2 }),
      ],
      { inputShape: [2], init: 'auto', seed: 3 },
    );
    const stated = example
      .split('\n')
      .filter((l) => /^\/\/ (parameter|\d\.)/.test(l))
      .map((l) =>
        l
          .slice(3)
          .replace(/\.\.\.$/, '')
          .trimEnd(),
      );
    const lines = model.describeInit().split('\n');
    expect(lines.length).toBe(stated.length);
    stated.forEach((s, i) => {
      expect(lines[i]?.startsWith(s), `${lines[i]} / ${s}`).toBe(true);
    });
    const report = diagnose(model, data);
    expect(report.verdict).toBe('healthy');
    expect(report.gradientRatio.toFixed(3)).toBe('1.054');
    expect(report.advisor?.verdict).toBe('healthy');
    expect(report.advisor?.sigmaW2.toFixed(2)).toBe('2.13');
    expect(report.disagreements).toEqual([]);
    const monitor = new Monitor(model, { capacity: 100, every: 10 });
    const result = fit(model, data, {
      optimizer: { kind: 'adam', lr: 0.01 },
      epochs: 250,
      batchSize: 32,
      seed: 1,
      schedule: cosineSchedule({ tMax: 250 * 13, minLr: 0.001 }),
      monitor,
    });
    expect(result.status).toBe('completed');
    const ev = evaluate(model, data);
    expect(ev.accuracy).toBe(0.995);
    expect(ev.loss.toFixed(4)).toBe('0.0112');
    expect(monitor.series('1').dead.at(-1)).toBe(0);
    const { weights } = saveModel(model);
    const copy = loadModel(weights);
    expect(copy.forward(data.x, 400)).toEqual(model.forward(data.x, 400));
    expect(exportNpy(model).get('0.weight')).toBeInstanceOf(Uint8Array);
  }, 60_000);
});
