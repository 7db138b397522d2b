import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileNumber, hostileValue, weirdString } from '../test/contract-arbitraries';
import { HANG_MS } from '../test/contract-check';
import { runCli } from './cli-run';

const RUN = { seed: 20_261_202, numRuns: 300 };
const exits = { ok: 0, bad: 0 };

/** True for a unit that must never reach the terminal raw (besides the line break of multi-line output). */
function rawUnit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 10) return false;
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
  if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069))
    return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = text.charCodeAt(i + 1);
    return !(n >= 0xdc00 && n <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = text.charCodeAt(i - 1);
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/** Raw control, separator or format characters, or lone surrogates, anywhere in the text. */
const RAW = {
  test(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (rawUnit(text, i)) return true;
    return false;
  },
};

/** The contract of one CLI run: exit 0 or 2, a single-line error on 2, no stack trace, no raw control text, bounded time. */
function checkRun(argv: string[]): void {
  const label = JSON.stringify(argv).slice(0, 200);
  const start = performance.now();
  const r = runCli(argv);
  const ms = performance.now() - start;
  expect(ms, `${label} took ${Math.round(ms)} ms`).toBeLessThan(HANG_MS);
  expect([0, 2], `${label}: exit ${r.code}, ${r.stderr}`).toContain(r.code);
  expect(RAW.test(r.stdout), `${label}: raw control text on stdout`).toBe(false);
  expect(RAW.test(r.stderr), `${label}: raw control text on stderr`).toBe(false);
  expect(r.stderr, label).not.toMatch(/\n\s+at |\.ts:\d+/);
  if (r.code === 0) exits.ok++;
  else exits.bad++;
  if (r.code === 2) {
    expect(r.stdout, label).toBe('');
    expect(r.stderr.trim().split('\n'), label).toHaveLength(1);
    expect(r.stderr.length, label).toBeLessThan(1100);
  } else {
    expect(r.stderr, label).toBe('');
    if (argv.includes('--json')) expect(() => JSON.parse(r.stdout), label).not.toThrow();
  }
}

const FLAGS: Record<string, string[]> = {
  recommend: [
    'activation',
    'slope',
    'alpha',
    'arch',
    'depth',
    'width',
    'norm',
    'residual',
    'target',
    'preset',
    'use-case',
    'output-activation',
    'considering',
  ],
  plan: [],
  gain: ['slope', 'alpha'],
  propagate: ['activation', 'slope', 'alpha', 'scheme', 'depth', 'width', 'sigma-b'],
  critical: ['sigma-b', 'slope', 'alpha'],
  explain: [],
  rules: [],
};
const GOOD_VALUES: Record<string, string[]> = {
  activation: ['relu', 'tanh', 'gelu', 'selu', 'leaky_relu', 'elu', 'sigmoid'],
  scheme: [
    'he_normal',
    'xavier_normal',
    'lecun_normal',
    'orthogonal',
    '{"name":"normal","std":2}',
    '{"name":"normal","std":1e150}',
    'zeros',
  ],
  arch: ['mlp', 'cnn', 'lstm', 'transformer', 'resnet'],
  norm: ['none', 'batch', 'layer'],
  target: ['default', 'edge', 'iot'],
  preset: ['digit_recognition', 'voice_commands', 'iot_face_detection'],
  'use-case': ['stock prediction with SELU', 'face detection on a low-power chip', 'weather'],
  'output-activation': ['sigmoid', 'softmax'],
  considering: ['zeros', 'random_small', '{"name":"normal","std":0.02}'],
};

/** A hostile value as command-line text (argv holds only strings). */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(typeof v);
  } catch {
    return typeof v;
  }
}

const numberText = fc.oneof(
  hostileNumber.map((x) => String(x)),
  fc.constantFrom('1', '5', '256', '10000', '10001', '1e308', '1e-320', '-3', '0x10', ' 2', '2.5', '1e400'),
);
function valueFor(flag: string): fc.Arbitrary<string> {
  const good = GOOD_VALUES[flag];
  const numeric = ['depth', 'width', 'slope', 'alpha', 'sigma-b'].includes(flag);
  return fc.oneof(
    {
      weight: 8,
      arbitrary: numeric
        ? fc.oneof(fc.integer({ min: 1, max: 64 }).map(String), numberText)
        : good
          ? fc.constantFrom(...good)
          : weirdString,
    },
    { weight: 1, arbitrary: weirdString },
    {
      weight: 1,
      arbitrary: hostileValue.map(asText),
    },
  );
}

const dir = mkdtempSync(join(tmpdir(), 'init-advisor-fuzz-'));
const modelTexts = fc.oneof(
  fc
    .array(fc.constantFrom('dense', 'conv2d', 'layer_norm', 'lstm'), { minLength: 1, maxLength: 4 })
    .map((kinds) =>
      JSON.stringify({
        activation: 'relu',
        layers: kinds.map((kind) => ({
          kind,
          shape: kind === 'conv2d' ? [8, 8, 3, 3] : kind === 'layer_norm' ? [8] : [8, 8],
        })),
      }),
    ),
  hostileValue.map((v) => {
    try {
      return (
        JSON.stringify({ activation: 'relu', layers: [{ kind: 'dense', shape: [4, 3], name: v }] }) ?? '{}'
      );
    } catch {
      return '{';
    }
  }),
  fc.constantFrom(
    '',
    '{',
    '[]',
    'null',
    '{"layers":[]}',
    '{"__proto__":{"x":1},"layers":[{"kind":"dense","shape":[2,2]}]}',
    '\ufeff{"layers":[{"kind":"dense","shape":[4,3]}]}',
    `{"layers":${'['.repeat(5000)}`,
  ),
  weirdString,
);
let files = 0;

const argvArb: fc.Arbitrary<string[]> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(...Object.keys(FLAGS)).chain((command) =>
      fc
        .tuple(
          fc
            .uniqueArray(fc.constantFrom(...(FLAGS[command]!.length > 0 ? FLAGS[command]! : ['json'])), {
              maxLength: 5,
            })
            .chain((flags) =>
              fc.tuple(...flags.map((flag) => fc.tuple(fc.constant(`--${flag}`), valueFor(flag)))),
            ),
          ['gain', 'critical', 'explain'].includes(command)
            ? fc.array(
                fc.oneof(fc.constantFrom('relu', 'gelu', 'selu', 'orthogonal', 'he_normal'), weirdString),
                {
                  minLength: 1,
                  maxLength: command === 'gain' ? 3 : 1,
                },
              )
            : fc.constant([] as string[]),
          fc.boolean(),
          command === 'plan' ? modelTexts : fc.constant(''),
        )
        .map(([pairs, positionals, json, model]) => {
          const argv = [command];
          for (const [f, v] of pairs) argv.push(f, v);
          if (command === 'plan') {
            const path = join(dir, `m${files++}.json`);
            writeFileSync(path, model);
            argv.push(path);
          } else argv.push(...positionals);
          if (json) argv.push('--json');
          return argv;
        }),
    ),
  },
  { weight: 1, arbitrary: fc.array(weirdString, { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string[]>(
      ['--version'],
      ['-V', 'x'],
      ['help', 'plan'],
      ['--help'],
      ['gain', '--json', '--json'],
    ),
  },
);

describe('CLI contract (in-process through runCli)', () => {
  it('every run exits 0 or 2 with a one-line escaped message, never a stack trace, within the bound', () => {
    fc.assert(fc.property(argvArb, checkRun), RUN);
    // The runs reach the commands' real work, not only their argument checks.
    expect(exits.ok).toBeGreaterThan(RUN.numRuns / 10);
  });
  it('the checker can fail: raw separators, a second line or a stack trace are caught', () => {
    expect(RAW.test('a\u2028b')).toBe(true);
    expect(RAW.test('\ud800')).toBe(true);
    expect(RAW.test('\ud83d\ude00')).toBe(false);
    expect(() => expect([0, 2]).toContain(1)).toThrow();
  });
});

describe('CLI contract as a real process', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const cases: string[][] = [
    [
      'propagate',
      '--activation',
      'tanh',
      '--scheme',
      '{"name":"normal","std":1e100}',
      '--width',
      '256',
      '--depth',
      '10000',
    ],
    ['propagate', '--activation', 'relu', '--scheme', 'he_normal', '--depth', '5', '--sigma-b', '1e300'],
    ['recommend', '--use-case', '\u2028\ud800', '--json'],
    ['gain', '\u001b]0;title\u0007'],
    ['critical', 'selu', '--sigma-b', '1e6'],
  ];
  it('exits 0 or 2 with one line on stderr and no stack trace', () => {
    for (const args of cases) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
        cwd: packageDir,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect([0, 2], `${args.join(' ')}: ${r.status} ${r.stderr}`).toContain(r.status);
      expect(RAW.test(r.stdout) || RAW.test(r.stderr)).toBe(false);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (r.status === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
