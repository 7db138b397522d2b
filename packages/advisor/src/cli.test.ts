import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const models = join(packageDir, 'test', 'models');

/** Runs the real CLI entry (TypeScript source through tsx) as a child process. */
function spawnCli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(text: string) {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/Error: .*\n.*\.ts:\d+/);
}

describe('init-advisor as a process', () => {
  it('recommend prints a readable report and exits 0', () => {
    const r = spawnCli(['recommend', '--activation', 'relu', '--arch', 'cnn', '--depth', '50']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Recommended scheme: he_normal\(mode=fan_in, nonlinearity=relu\)/);
    expect(r.stdout).toMatch(/Rules: relu-he, cnn-receptive-field/);
    expect(r.stderr).toBe('');
  });
  it('--json output is parseable and stable in shape', () => {
    const r = spawnCli(['gain', 'gelu', 'selu', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.command).toBe('gain');
    expect(out.result[0].activation).toBe('gelu');
    expect(out.result[0].gain).toBeCloseTo(1.53353, 5);
    expect(out.result[1].gain).toBeCloseTo(1, 9);
  });
  it('plan reads a model file', () => {
    const r = spawnCli(['plan', join(models, 'resnet-fixup.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/block1\.conv2\s+weight\s+\[16, 16, 3, 3\]\s+zeros\s+residual-no-norm-fixup/);
  });
  it('bad input exits 2 with a one-line message and no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [['recommend', '--activation', 'relu7'], /unknown activation 'relu7'; allowed: relu/],
      [['recommend', '--bogus'], /unknown option/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [
        ['propagate', '--activation', 'tanh', '--scheme', 'xavier_normal', '--depth', '1000000'],
        /at most 10000/,
      ],
      [['plan', join(models, 'does-not-exist.json')], /cannot read the file/],
    ];
    for (const [args, message] of cases) {
      const r = spawnCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      noStack(r.stderr);
    }
  });
  it('--help exits 0 and lists the commands', () => {
    const r = spawnCli(['--help']);
    expect(r.code, r.stderr).toBe(0);
    for (const c of ['recommend', 'plan', 'gain', 'propagate', 'explain']) expect(r.stdout).toContain(c);
  });
});

describe('runCli (in process): every command and hostile input', () => {
  it('runs every documented example', () => {
    expect(
      runCli(['recommend', '--activation', 'relu', '--arch', 'cnn', '--depth', '50', '--json']).code,
    ).toBe(0);
    expect(runCli(['plan', join(models, 'mlp.json'), '--json']).code).toBe(0);
    expect(runCli(['gain', 'gelu']).stdout).toMatch(/gelu\s+1\.533530441/);
    const p = runCli(['propagate', '--activation', 'tanh', '--scheme', 'xavier_normal', '--depth', '100']);
    expect(p.code).toBe(0);
    expect(p.stdout).toMatch(/Verdict: vanishing/);
    expect(runCli(['explain', 'orthogonal']).stdout).toMatch(/^orthogonal\n\nFormula:/);
    expect(runCli(['critical', 'relu', '--json']).code).toBe(0);
    expect(runCli(['rules']).stdout).toMatch(/^\| id \| kind \|/);
    expect(runCli(['recommend', '--help']).stdout).toMatch(/--activation/);
    expect(runCli(['help', 'plan']).stdout).toMatch(/Usage: init-advisor plan/);
  });
  it('accepts leaky slopes, presets and a JSON scheme', () => {
    const r = JSON.parse(
      runCli(['recommend', '--activation', 'leaky_relu', '--slope', '0.2', '--json']).stdout,
    );
    expect(r.result.scheme).toEqual({
      name: 'he_normal',
      mode: 'fan_in',
      nonlinearity: 'leaky_relu',
      slope: 0.2,
    });
    expect(
      JSON.parse(runCli(['recommend', '--preset', 'chatbot_memory', '--json']).stdout).result.scheme.name,
    ).toBe('rnn_orthogonal');
    const p = runCli([
      'propagate',
      '--activation',
      'relu',
      '--scheme',
      '{"name":"normal","std":0.0625}',
      '--width',
      '512',
      '--depth',
      '10',
      '--json',
    ]);
    expect(JSON.parse(p.stdout).result.sigmaW2).toBeCloseTo(2, 12);
  });
  it('JSON errors go to stderr as JSON with code and argument', () => {
    const r = runCli(['recommend', '--arch', 'mamba', '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        code: 'UNSUPPORTED',
        argument: 'architecture',
        message: expect.stringMatching(/allowed|expected one of/),
      },
    });
  });
  it('rejects hostile and malformed input with exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-advisor-'));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const bad: [string[], RegExp][] = [
      [
        [
          'plan',
          file('proto.json', '{"layers":[{"kind":"dense","shape":[2,2]}],"__proto__":{"polluted":true}}'),
        ],
        /__proto__/,
      ],
      [
        [
          'plan',
          file('ctor.json', '{"layers":[{"kind":"dense","shape":[2,2],"constructor":{"prototype":{}}}]}'),
        ],
        /constructor|prototype/,
      ],
      [['plan', file('broken.json', '{"layers": [')], /malformed JSON/],
      [['plan', file('types.json', '{"layers":[{"kind":"dense","shape":"2x2"}]}')], /layers\[0\]\.shape/],
      [['plan', file('array.json', '[1,2,3]')], /model/],
      [['plan', file('deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`)], /nesting/],
      [['plan', file('huge.json', `{"layers":[],"pad":"${'x'.repeat(1_100_000)}"}`)], /at most 1048576/],
      [
        [
          'plan',
          file(
            'big-depth.json',
            JSON.stringify({
              activation: 'relu',
              layers: Array.from({ length: 10_001 }, () => ({ kind: 'dense', shape: [2, 2] })),
            }),
          ),
        ],
        /at most 10000/,
      ],
      [['plan', dir], /not a regular file/],
      [['plan'], /expected 1 argument/],
      [['recommend', '--depth', '1e9'], /at most 100000/],
      [['recommend', '--depth', '0x10'], /decimal number/],
      [['recommend', '--depth', 'Infinity'], /decimal number/],
      [['recommend', '--depth'], /needs a value/],
      [['recommend', '--depth', '3', '--depth', '4'], /more than once/],
      [['recommend', '--json=1'], /takes no value/],
      [['recommend', '--activation', 'process.exit(0)'], /unknown activation/],
      [['recommend', '--considering', '{"name":"zeros","__proto__":{}}'], /__proto__/],
      [['propagate', '--activation', 'relu', '--scheme', 'normal', '--depth', '5'], /--width: is required/],
      [['propagate', '--activation', 'relu', '--scheme', 'zeros', '--depth', '5'], /symmetry/],
      [
        ['propagate', '--activation', 'relu', '--scheme', 'require("fs")', '--depth', '5'],
        /scheme name or a JSON config/,
      ],
      [['propagate', '--scheme', 'he_normal', '--depth', '5'], /--activation: is required/],
      [['gain'], /expected 1 to 20 arguments/],
      [['gain', 'relu', '--slope', 'abc'], /decimal number/],
      [['explain', 'nope'], /unknown scheme 'nope'/],
      [['critical', 'relu', '--sigma-b', '-1'], /sigmaB/],
    ];
    for (const [args, message] of bad) {
      const r = runCli(args);
      expect(r.code, args.join(' ').slice(0, 80)).toBe(2);
      expect(r.stderr, args.join(' ').slice(0, 80)).toMatch(message);
      noStack(r.stderr);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
