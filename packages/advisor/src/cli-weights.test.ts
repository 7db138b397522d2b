import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeNpy, encodeSafetensors, fromConfig, parameterStream } from '@init/schemes';
import { afterAll, describe, expect, it } from 'vitest';
import { runInspectCli } from './cli-inspect';
import { runMaterializeCli } from './cli-materialize';
import { parseByteSize } from './cli-size';
import { matchScheme, StatisticsAccumulator } from './tensor-statistics';

const dir = mkdtempSync(join(tmpdir(), 'init-cli-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { stderr: { isTTY: false, write: () => true } };
const gpt2 = join(dir, 'gpt2.json');
writeFileSync(
  gpt2,
  JSON.stringify({ model_type: 'gpt2', n_layer: 3, n_head: 2, n_embd: 32, vocab_size: 500, n_positions: 64 }),
);

describe('init-advisor materialize', () => {
  it('writes the checkpoint and prints parameters, bytes, files, seconds and GB/s', async () => {
    const out = join(dir, 'a');
    const r = await runMaterializeCli([gpt2, '--out', out, '--seed', '7', '--dtype', 'bf16'], quiet);
    expect(r.code).toBe(0);
    for (const key of ['parameters', 'bytes', 'files', 'seconds', 'GB/s'])
      expect(r.stdout).toMatch(new RegExp(`^${key} `, 'm'));
    expect(r.stdout).toMatch(/tied {4}lm_head.weight = transformer.wte.weight \(not stored\)/);
    expect(readdirSync(out).sort()).toEqual(['model.safetensors', 'model.safetensors.sha256.json']);
    const again = await runMaterializeCli(
      [gpt2, '--out', out, '--seed', '7', '--dtype', 'bf16', '--json'],
      quiet,
    );
    expect(JSON.parse(again.stdout).result.files[0].status).toBe('skipped');
  });

  it('--shard i/N runs write the same files as one run', async () => {
    const one = join(dir, 'one');
    const many = join(dir, 'many');
    expect((await runMaterializeCli([gpt2, '--out', one, '--shard-size', '20kB'], quiet)).code).toBe(0);
    const count = readdirSync(one).filter((f) => f.endsWith('.safetensors')).length;
    expect(count).toBeGreaterThan(1);
    for (let i = 1; i <= count; i++) {
      expect(
        (
          await runMaterializeCli(
            [gpt2, '--out', many, '--shard-size', '20kB', '--shard', `${i}/${count}`, '--workers', '1'],
            quiet,
          )
        ).code,
      ).toBe(0);
    }
    for (const f of readdirSync(one))
      expect(readFileSync(join(many, f)).equals(readFileSync(join(one, f)))).toBe(true);
  });

  it('exits 2 on bad input, naming the argument', async () => {
    const cases: [string[], RegExp][] = [
      [[gpt2], /--out/],
      [[gpt2, '--out', dir, '--dtype', 'int8'], /--dtype/],
      [[gpt2, '--out', dir, '--shard', '3/2'], /--shard/],
      [[gpt2, '--out', dir, '--shard-size', 'lots'], /--shard-size/],
      [[gpt2, '--out', dir, '--workers', '-1'], /--workers/],
      [[gpt2, '--out', dir, '--seeds', '1'], /--seeds/],
      [[join(dir, 'missing.json'), '--out', dir], /missing\.json/],
      [[gpt2, '--out', dir, '--shard-size', '20kB', '--shard', '1/2'], /use --shard i\//],
    ];
    for (const [argv, pattern] of cases) {
      const r = await runMaterializeCli(argv, quiet);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ n_layer: 2, n_head: 2, n_embd: 32, vocab_size: 500, n_position: 64 }),
    );
    const r = await runMaterializeCli([bad, '--out', dir, '--json'], quiet);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr).error.argument).toBe('config.n_position');
    expect(r.stderr).toMatch(/did you mean 'n_positions'/);
  });

  it('parses Hugging Face style sizes', () => {
    expect([
      parseByteSize('2GB', 'x'),
      parseByteSize('1GiB', 'x'),
      parseByteSize('500MB', 'x'),
      parseByteSize('17', 'x'),
    ]).toEqual([2e9, 2 ** 30, 5e8, 17]);
    expect(() => parseByteSize('0', 'x')).toThrow(/size/);
  });
});

describe('init-advisor inspect', () => {
  it('prints per-tensor statistics and the scheme each tensor matches', async () => {
    const out = join(dir, 'a');
    const r = await runInspectCli([join(out, 'model.safetensors')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^name +shape +dtype +mean +std +min +max +zeros +matches/);
    expect(r.stdout).toMatch(/transformer\.wte\.weight +\[500, 32\] +BF16 .*GPT-2\/BERT style normal/);
    expect(r.stdout).toMatch(/transformer\.h\.0\.ln_1\.weight .* ones/);
    expect(r.stdout).toMatch(/transformer\.h\.0\.attn\.c_attn\.bias .* zeros/);
    const j = JSON.parse((await runInspectCli([join(out, 'model.safetensors'), '--json'])).stdout);
    const proj = j.result.tensors.find(
      (t: { name: string }) => t.name === 'transformer.h.2.mlp.c_proj.weight',
    );
    expect(proj.match).toMatch(/GPT-2 residual projection normal .* n_layer ≈ 3/);
    expect(proj.std).toBeCloseTo(0.02 / Math.sqrt(6), 3);
  });

  it('reads a sharded checkpoint through its index, and .npy files', async () => {
    const r = await runInspectCli([join(dir, 'one', 'model.safetensors.index.json'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).result.tensors.length).toBe(2 + 3 * 12 + 2);
    const w = fromConfig({ name: 'he_normal' })([256, 128], parameterStream(1, 'w')).data as Float32Array;
    writeFileSync(join(dir, 'w.npy'), encodeNpy({ data: w, shape: [256, 128] }));
    const n = JSON.parse((await runInspectCli([join(dir, 'w.npy'), '--json'])).stdout).result.tensors[0];
    expect(n.match).toMatch(/He \(Kaiming\) normal, fan_in/);
  });

  it('exits 2 on a missing or corrupt file', async () => {
    const corrupt = join(dir, 'c.safetensors');
    writeFileSync(
      corrupt,
      encodeSafetensors([{ name: 'w', shape: [4], data: new Float32Array(4) }]).subarray(0, 20),
    );
    for (const f of [corrupt, join(dir, 'nope.safetensors'), join(dir, 'gpt2.json')]) {
      const r = await runInspectCli([f]);
      expect(r.code, f).toBe(2);
      expect(r.stderr).toMatch(/^init-advisor: error: /);
    }
  });
});

describe('matchScheme', () => {
  const stats = (values: number[]) => {
    const acc = new StatisticsAccumulator();
    acc.add(values);
    return acc.result();
  };
  it('recognizes scales from fans and the distribution from the kurtosis', () => {
    const uniform = Array.from({ length: 20_000 }, (_, i) => ((i * 0.6180339887) % 1) * 2 - 1);
    const s = stats(uniform.map((u) => u * Math.sqrt(3) * Math.sqrt(2 / 200)));
    expect(matchScheme([100, 200], s)).toMatch(/^He \(Kaiming\) uniform, fan_in/);
    const x = stats(uniform.map((u) => (u * Math.sqrt(3)) / Math.sqrt(150)));
    expect(matchScheme([100, 200], x)).toMatch(/Xavier \(Glorot\) uniform, fan_avg/);
    expect(matchScheme([3], stats([0.5, 0.5, 0.5]))).toBe('constant 0.5');
    expect(matchScheme([2, 2], stats([10, -10, 20, -20]))).toMatch(/^unrecognized/);
  });
});

describe('init-advisor materialize progress', () => {
  it('draws a progress bar with bytes, rate and ETA on a terminal, and none with --quiet', async () => {
    let drawn = '';
    const tty = {
      isTTY: true,
      columns: 120,
      write: (t: string) => {
        drawn += t;
        return true;
      },
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => undefined,
      removeListener: () => undefined,
    };
    const r = await runMaterializeCli([gpt2, '--out', join(dir, 'tty')], { stderr: tty });
    expect(r.code).toBe(0);
    expect(drawn).toMatch(/100% \| .* of .*B \| .*B\/s \| ETA/);
    drawn = '';
    await runMaterializeCli([gpt2, '--out', join(dir, 'tty2'), '--quiet'], { stderr: tty });
    expect(drawn).toBe('');
  });
});
