/**
 * Materialize benchmark (not run by `pnpm test`): GPT-2 124M (and, with --xl, a 1.5B GPT-2 XL-shaped config)
 * streamed to local disk in f32 and bf16, against the disk's own sequential write speed measured in the same run
 * both ways (`dd if=/dev/zero bs=1M count=2048 conv=fdatasync` through the page cache, and
 * `dd ... bs=4M count=512 oflag=direct` as the writer itself writes where the file system allows it), and against
 * PyTorch on one thread (scripts/reference/weights_torch_bench.py: torch.nn.init of the same tensors plus writing
 * them out).
 * Peak RSS is each child process's maxRSS.
 *
 * Build first (`pnpm --filter @init/advisor... build`), then from packages/advisor:
 *   npx tsx bench/materialize.bench.ts [--xl] [--rounds N] [--out DIR]
 * Each figure is the median of N rounds (default 3) in which PyTorch and both worker counts alternate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const xl = args.includes('--xl');
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 3;
const base = args.includes('--out') ? (args[args.indexOf('--out') + 1] as string) : tmpdir();
const dir = mkdtempSync(join(base, 'init-materialize-bench-'));
const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..', '..');

/** Seconds dd takes to write 2 GiB of zeros: through the page cache and fdatasync, or direct (O_DIRECT). */
function ddSeconds(mode: 'fdatasync' | 'direct'): number {
  const file = join(dir, 'dd.bin');
  const flags =
    mode === 'direct' ? 'bs=4M count=512 oflag=direct conv=fdatasync' : 'bs=1M count=2048 conv=fdatasync';
  const out = execFileSync('sh', ['-c', `dd if=/dev/zero of=${file} ${flags} 2>&1`], {
    encoding: 'utf8',
  });
  rmSync(file, { force: true });
  const s = Number(/, ([\d.]+) s,/.exec(out)?.[1]);
  return s;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function torchRun(m: { n_layer: number; n_head: number; n_embd: number }, dtype: string) {
  const out = execFileSync(
    '/usr/bin/python3',
    [
      join(root, 'scripts/reference/weights_torch_bench.py'),
      String(m.n_layer),
      String(m.n_head),
      String(m.n_embd),
      dtype,
      join(dir, 'torch.bin'),
    ],
    { encoding: 'utf8' },
  );
  rmSync(join(dir, 'torch.bin'), { force: true });
  return JSON.parse(out) as { gb_per_s: number; max_rss_mb: number };
}

function ourRun(config: string, dtype: string, workers: number) {
  const out = join(dir, `${dtype}-${workers}`);
  const r = JSON.parse(
    execFileSync('node', [join(here, 'materialize-child.mjs'), config, out, dtype, String(workers)], {
      encoding: 'utf8',
      cwd: join(here, '..'),
    }),
  ) as { gbPerSecond: number; maxRssMb: number };
  rmSync(out, { recursive: true, force: true });
  return r;
}

const models = [
  { label: 'GPT-2 124M', n_layer: 12, n_head: 12, n_embd: 768 },
  ...(xl ? [{ label: 'GPT-2 XL-shaped 1.5B', n_layer: 48, n_head: 25, n_embd: 1600 }] : []),
];
// The disk's speed both ways dd writes it: through the page cache, and direct (as the writer does where it can).
const buffered = (2048 * 2 ** 20) / 1e9 / ddSeconds('fdatasync');
const direct = (2048 * 2 ** 20) / 1e9 / ddSeconds('direct');
console.log(
  `disk (dd 2 GiB): ${buffered.toFixed(3)} GB/s with conv=fdatasync, ${direct.toFixed(3)} GB/s with oflag=direct`,
);
console.log(
  '| model | dtype | workers | GB/s | % of dd fdatasync | % of dd direct | PyTorch 1 thread GB/s | vs PyTorch | peak RSS MB |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const m of models) {
  const config = JSON.stringify({
    n_layer: m.n_layer,
    n_head: m.n_head,
    n_embd: m.n_embd,
    vocab_size: 50257,
    n_positions: 1024,
  });
  for (const dtype of ['f32', 'bf16']) {
    const torch: { gb_per_s: number; max_rss_mb: number }[] = [];
    const ours = new Map<number, { gbPerSecond: number; maxRssMb: number }[]>([
      [0, []],
      [2, []],
    ]);
    // PyTorch and the two worker counts alternate, so a change in the disk's speed during the run
    // reaches all three alike; each figure is the median over the rounds.
    for (let round = 0; round < rounds; round++) {
      torch.push(torchRun(m, dtype));
      for (const [workers, runs] of ours) runs.push(ourRun(config, dtype, workers));
    }
    const torchGbps = median(torch.map((t) => t.gb_per_s));
    const torchRss = Math.max(...torch.map((t) => t.max_rss_mb));
    for (const [workers, runs] of ours) {
      const gbps = median(runs.map((r) => r.gbPerSecond));
      const rss = Math.max(...runs.map((r) => r.maxRssMb));
      console.log(
        `| ${m.label} | ${dtype} | ${workers} | ${gbps.toFixed(3)} | ${((100 * gbps) / buffered).toFixed(0)}% | ${((100 * gbps) / direct).toFixed(0)}% | ${torchGbps.toFixed(3)} (RSS ${torchRss.toFixed(0)} MB) | ${(gbps / torchGbps).toFixed(2)}x | ${rss.toFixed(0)} |`,
      );
    }
  }
}
rmSync(dir, { recursive: true, force: true });
