import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { editDistance, parseArgs, suggest } from './args.ts';
import { EXPERIMENTS } from './registry.ts';
import { listText } from './runner.ts';

const KNOWN = ['zero-constant', 'depth-relu', 'selu', 'deep-linear'];

describe('parseArgs', () => {
  it('runs everything by default, one or several names on request, with --quick', () => {
    expect(parseArgs([], KNOWN)).toEqual({ kind: 'run', names: KNOWN, quick: false });
    expect(parseArgs(['selu', '--quick'], KNOWN)).toEqual({ kind: 'run', names: ['selu'], quick: true });
    expect(parseArgs(['--', 'deep-linear', 'selu', 'selu'], KNOWN)).toEqual({
      kind: 'run',
      names: ['deep-linear', 'selu'],
      quick: false,
    });
  });

  it('lists and helps', () => {
    expect(parseArgs(['--list'], KNOWN)).toEqual({ kind: 'list' });
    expect(parseArgs(['--help'], KNOWN)).toEqual({ kind: 'help' });
  });

  it('rejects an unknown name with exit code 2 and a did-you-mean', () => {
    const r = parseArgs(['deep-liner'], KNOWN);
    expect(r).toMatchObject({ kind: 'error', exitCode: 2 });
    expect(r.kind === 'error' && r.message).toContain("did you mean 'deep-linear'?");
    const far = parseArgs(['transformer'], KNOWN);
    expect(far.kind === 'error' && far.message).not.toContain('did you mean');
  });

  it('rejects an unknown flag with a did-you-mean', () => {
    const r = parseArgs(['--quik'], KNOWN);
    expect(r.kind === 'error' && r.message).toContain("did you mean '--quick'?");
  });
});

describe('suggest and editDistance', () => {
  it('finds close names only', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(suggest('selu', KNOWN)).toBe('selu');
    expect(suggest('zero', KNOWN)).toBe('zero-constant');
    expect(suggest('xyz', KNOWN)).toBeUndefined();
  });
});

describe('--list', () => {
  it('shows every experiment, none marked as not implemented', () => {
    const text = listText(EXPERIMENTS);
    for (const e of EXPERIMENTS) expect(text).toContain(e.name);
    expect(EXPERIMENTS.length).toBe(12);
    expect(text).not.toMatch(/not yet implemented/);
  });
});

describe('the command line', () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
  it('exits 2 on an unknown experiment, naming the close one', () => {
    const r = spawnSync(tsx, [cli, 'selu2'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("did you mean 'selu'?");
  });
  it('prints the list', () => {
    expect(execFileSync(tsx, [cli, '--list'], { encoding: 'utf8' })).toContain('deep-linear');
  });
});
