import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  it('hostile input as a process: exit 2, one line on stderr, nothing on stdout, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-advisor-proc-'));
    const file = (name: string, content: string | Uint8Array) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const cases: [string[], RegExp][] = [
      [['recommend', '--frobnicate'], /unknown option for 'recommend'/],
      [['recommend', '--depth', '1e9'], /at most 100000/],
      [['recommend', '--depth', '-1'], /expected an integer >= 1/],
      [['recommend', '--depth', 'abc'], /expected a decimal number/],
      [
        ['plan', file('proto.json', '{"__proto__":{"polluted":true},"layers":[]}')],
        /'__proto__' is not allowed/,
      ],
      [
        ['plan', file('ctor.json', '{"constructor":{"name":"x"},"layers":[]}')],
        /'constructor' is not allowed/,
      ],
      [
        ['plan', file('nested.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`)],
        /nesting deeper than 64/,
      ],
      [
        ['plan', file('five-mb.json', `{"layers":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`)],
        /at most 1048576/,
      ],
      [['plan', dir], /not a regular file/],
      [['plan', join(dir, 'missing.json')], /cannot read the file/],
      [
        [
          'plan',
          file(
            'latin1.json',
            Uint8Array.from([...Buffer.from('{"name":"caf'), 0xe9, ...Buffer.from('","layers":[]}')]),
          ),
        ],
        /not valid UTF-8/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = spawnCli(args);
      const label = args.join(' ').slice(0, 80);
      expect(r.code, label).toBe(2);
      expect(r.stdout, label).toBe('');
      expect(r.stderr, label).toMatch(/^init-advisor: error: /);
      expect(r.stderr, label).toMatch(message);
      expect(r.stderr.trim().split('\n'), label).toHaveLength(1);
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
    const file = (name: string, text: string | Uint8Array) => {
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
      [
        ['plan', file('inf.json', '{"layers":[{"kind":"dense","shape":[1e400,2]}]}')],
        /layers\[0\]\.shape\[0\]: expected a positive integer, got Infinity/,
      ],
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
      [['critical', 'relu', '--sigma-b', '1e300'], /sigmaB: expected a finite number in \[0, 1000000\]/],
      [['critical', 'tanh', '--sigma-b', '1e6'], /grows without bound/],
      [
        ['propagate', '--activation', 'tanh', '--scheme', 'delta_orthogonal', '--depth', '5'],
        /error: shape: delta_orthogonal needs a tensor of rank 3/,
      ],
      [['recommend', '--depth', '-1'], /expected an integer >= 1/],
      [['recommend', '--depth', 'abc'], /decimal number/],
      [['recommend', '--preset', '__proto__'], /unknown preset/],
      [['recommend', '--activation', 'constructor'], /unknown activation/],
      [['gain', 'toString'], /unknown activation/],
      [['explain', '__proto__'], /unknown scheme/],
      [
        ['plan', file('bad-utf8.json', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]))],
        /not valid UTF-8/,
      ],
      [
        ['plan', file('five-mb.json', `{"layers":[],"pad":"${'x'.repeat(5 * 1024 * 1024)}"}`)],
        /at most 1048576/,
      ],
    ];
    for (const [args, message] of bad) {
      const r = runCli(args);
      expect(r.code, args.join(' ').slice(0, 80)).toBe(2);
      expect(r.stderr, args.join(' ').slice(0, 80)).toMatch(message);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ').slice(0, 80)).toHaveLength(1);
      noStack(r.stderr);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('user text cannot break lines, inject terminal escapes or flood the terminal', () => {
    const raw = (text: string) =>
      [...text].some((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')));
    const long = runCli(['gain', 'a'.repeat(100_000)]);
    expect(long.code).toBe(2);
    expect(long.stderr.length).toBeLessThan(1100);
    expect(long.stderr).toMatch(/unknown activation 'a{40}\.\.\.'; allowed: relu/);
    for (const args of [
      ['recommend', '--arch', 'cnn\ninit-advisor: forged line'],
      ['gain', '\u001b[31mred'],
      ['plan', 'x\ny.json'],
      ['recommend', '--considering', `{"name":"normal","std":"${'9'.repeat(50_000)}\\n"}`],
    ]) {
      for (const json of [false, true]) {
        const r = runCli(json ? [...args, '--json'] : args);
        expect(r.code, args.join(' ').slice(0, 40)).toBe(2);
        expect(r.stderr.trim().split('\n'), args.join(' ').slice(0, 40)).toHaveLength(1);
        expect(raw(r.stderr), args.join(' ').slice(0, 40)).toBe(false);
        expect(r.stderr.length).toBeLessThan(1100);
      }
    }
    const gain = runCli(['gain', 're\nlu']);
    expect(gain.code).toBe(0);
    expect(gain.stdout.split('\n')[2]).toMatch(/^re\\nlu\s+1\.414213562/);
    const dir = mkdtempSync(join(tmpdir(), 'init-advisor-names-'));
    const path = join(dir, 'names.json');
    writeFileSync(
      path,
      JSON.stringify({ name: 'm\u001b[2J', layers: [{ name: 'in\nput', kind: 'dense', shape: [4, 3] }] }),
    );
    const p = runCli(['plan', path]);
    expect(p.code, p.stderr).toBe(0);
    expect(raw(p.stdout)).toBe(false);
    expect(p.stdout).toMatch(/^Plan for m\\u001b\[2J\n/);
    expect(p.stdout).toMatch(/in\\nput\s+weight\s+\[4, 3\]/);
  });
  it('reads a model file that starts with a UTF-8 byte order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-advisor-bom-'));
    const path = join(dir, 'bom.json');
    writeFileSync(path, '\ufeff{"layers":[{"kind":"dense","shape":[4,3]}]}');
    const r = runCli(['plan', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result.parameters[0].shape).toEqual([4, 3]);
  });
  it('accepts softmax as the output activation of recommend (linear logits)', () => {
    const r = runCli(['recommend', '--activation', 'relu', '--output-activation', 'softmax', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result.scheme.name).toBe('he_normal');
  });
});

describe('--json contract (README, "JSON output")', () => {
  const keysOf = (v: unknown) => Object.keys(v as object).sort();
  const run = (args: string[]) => {
    const r = runCli([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(keysOf(out)).toEqual(['command', 'result']);
    expect(out.command).toBe(args[0]);
    return out.result;
  };
  it('pins the field names of every command', () => {
    const rec = run(['recommend', '--activation', 'relu', '--arch', 'lstm', '--depth', '50']);
    expect(keysOf(rec)).toEqual(
      [
        'alternatives',
        'assumptions',
        'bias',
        'reasons',
        'roles',
        'ruleIds',
        'scheme',
        'sources',
        'warnings',
      ].sort(),
    );
    expect(keysOf(rec.roles[0])).toEqual(['reason', 'role', 'scheme']);
    expect(keysOf(rec.alternatives[0])).toEqual(['scheme', 'tradeoff']);
    expect(keysOf(rec.sources[0])).toEqual(['detail', 'title']);
    const deep = run(['recommend', '--activation', 'relu', '--depth', '50']);
    expect(keysOf(deep.signal)).toEqual(['signalLostAt', 'summary', 'verdict']);

    const plan = run(['plan', join(models, 'resnet-fixup.json')]);
    expect(keysOf(plan)).toEqual(['assumptions', 'name', 'parameters', 'signal', 'warnings']);
    expect(keysOf(plan.parameters[0])).toEqual(['layer', 'parameter', 'reason', 'rule', 'scheme', 'shape']);
    expect(keysOf(plan.signal)).toEqual(['layers', 'lostIn', 'signalLostAt', 'summary', 'verdict']);

    const gain = run(['gain', 'relu', 'linear']);
    expect(keysOf(gain[0])).toEqual([
      'activation',
      'centeredGain',
      'gain',
      'mean',
      'secondMoment',
      'variance',
    ]);

    const prop = run(['propagate', '--activation', 'relu', '--scheme', 'he_normal', '--depth', '5']);
    expect(keysOf(prop)).toEqual(
      [
        'depthScales',
        'layers',
        'lostIn',
        'note',
        'scheme',
        'sigmaB2',
        'sigmaW2',
        'signalLostAt',
        'summary',
        'verdict',
      ].sort(),
    );
    expect(prop.scheme).toBe('he_normal');
    expect(keysOf(prop.depthScales)).toEqual(['cStar', 'chi1', 'phase', 'qStar', 'xiC', 'xiGrad', 'xiQ']);
    // Infinite depth scales (ReLU at the critical point) are written as null.
    expect(prop.depthScales.xiGrad).toBeNull();
    expect(keysOf(prop.layers[0])).toEqual(['forwardRatio', 'gradNormRatio', 'index', 'q', 'slopeRetention']);

    expect(keysOf(run(['critical', 'relu']))).toEqual(['chi1', 'qStar', 'sigmaB2', 'sigmaW', 'sigmaW2']);
    const ex = run(['explain', 'orthogonal']);
    expect(keysOf(ex)).toEqual(['formula', 'name', 'pitfalls', 'sources', 'whenToUse', 'why']);
    expect(keysOf(run(['rules'])[0])).toEqual(['id', 'kind', 'recommends', 'sources', 'when', 'why']);
  });
  it('errors: one JSON object on stderr with code, argument and message', () => {
    const r = runCli(['gain', 'relu7', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(keysOf(JSON.parse(r.stderr).error)).toEqual(['argument', 'code', 'message']);
  });
});

describe('propagate as a process: bounded time and honest verdicts', () => {
  it('a chaotic tanh stack finishes quickly and explains the phase beside the verdict', () => {
    const t = Date.now();
    const r = spawnCli([
      'propagate',
      '--activation',
      'tanh',
      '--scheme',
      '{"name":"normal","std":2}',
      '--width',
      '256',
      '--depth',
      '5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(Date.now() - t).toBeLessThan(20_000);
    expect(r.stdout).toMatch(/chi_1 = 17\.\d+ \(chaotic\)/);
    expect(r.stdout).toMatch(/^Note: .*large for a bounded activation/m);
  });
  it('a capped variance is exploding, never healthy beside a gradient ratio of 1e-50', () => {
    const r = spawnCli([
      'propagate',
      '--activation',
      'relu',
      '--scheme',
      '{"name":"normal","std":1e150}',
      '--width',
      '4',
      '--depth',
      '5',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Verdict: exploding/m);
    expect(r.stdout).not.toMatch(/healthy/);
  });
  it('critical chi_1 beside a vanishing verdict comes with the reason', () => {
    const r = runCli(['propagate', '--activation', 'tanh', '--scheme', 'lecun_normal', '--depth', '300']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/chi_1 = 1 \(critical\)/);
    expect(r.stdout).toMatch(/^Verdict: vanishing/m);
    expect(r.stdout).toMatch(/^Note: .*contracts toward q\* = 0/m);
  });
});

describe('line and format separators in user text', () => {
  it('U+2028, U+2029, bidi controls and lone surrogates are escaped in text and JSON, also as a process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'init-advisor-sep-'));
    const path = join(dir, 'sep.json');
    const name = 'a\u2028b\u2029c\u202ed\u200be\ud800f';
    writeFileSync(
      path,
      JSON.stringify({ name, layers: [{ name: 'x\u2028y', kind: 'dense', shape: [4, 3] }] }),
    );
    const separators =
      /[\u2028\u2029\u202e\u200b]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const json of [false, true]) {
      const r = spawnCli(json ? ['plan', path, '--json'] : ['plan', path]);
      expect(r.code, r.stderr).toBe(0);
      expect(separators.test(r.stdout)).toBe(false);
      if (json) expect(JSON.parse(r.stdout).result.name).toBe(name);
      else expect(r.stdout).toMatch(/^Plan for a\\u2028b\\u2029c\\u202ed\\u200be/);
    }
    const bad = runCli(['gain', 'x\u2028y']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/x\\u2028y/);
    expect(separators.test(bad.stderr)).toBe(false);
  });
});

describe('--version', () => {
  it('prints the version of package.json and exits 0, as a process', () => {
    const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = spawnCli([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
    const extra = runCli(['--version', 'x']);
    expect(extra.code).toBe(2);
  });
});
