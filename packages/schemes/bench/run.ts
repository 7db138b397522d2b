/**
 * Benchmarks of @init/schemes, ratios side by side in one run:
 * 1. He/Xavier/LeCun fills against the raw @init/rng fill they use (target: under 5% overhead).
 * 2. orthogonal n x n (512, 1024, 2048) against PyTorch 1-thread `orthogonal_`
 *    (scripts/reference/schemes_orthogonal_torch.py, spawned here) and TF.js `orthogonal` at 512.
 *
 * Run: pnpm --filter @init/schemes bench            (dependencies must be built; turbo does it)
 * Flags: --quick (smaller fills, no 2048), --fills-only, --no-torch, --no-tfjs.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRng } from '@init/rng';
import { heNormal, heTruncatedNormal, lecunNormal, orthogonal, xavierUniform } from '../src/index';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');

function best(reps: number, fn: () => void): number {
  let b = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    fn();
    b = Math.min(b, performance.now() - t);
  }
  return b;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

// 1. Fills
const n = quick ? 1024 : 2048;
const shape = [n, n];
const out = new Float32Array(n * n);
const rng = createRng(1);
const fan = n;
const rows: string[] = [];
const he = heNormal();
const xavier = xavierUniform();
const lecun = lecunNormal();
const heTrunc = heTruncatedNormal();
const cases: [string, () => void, string, () => void][] = [
  [
    'heNormal().fill',
    () => he.fill(out, shape, rng),
    'rng.fillNormal',
    () => rng.fillNormal(out, 0, Math.sqrt(2) / Math.sqrt(fan)),
  ],
  [
    'xavierUniform().fill',
    () => xavier.fill(out, shape, rng),
    'rng.fillUniform',
    () => {
      const b = Math.sqrt(3) * Math.sqrt(2 / (2 * fan));
      rng.fillUniform(out, -b, b);
    },
  ],
  [
    'lecunNormal().fill',
    () => lecun.fill(out, shape, rng),
    'rng.fillNormal',
    () => rng.fillNormal(out, 0, Math.sqrt(1 / fan)),
  ],
  [
    'heTruncatedNormal().fill',
    () => heTrunc.fill(out, shape, rng),
    'rng.fillTruncatedNormal',
    () => {
      const s = Math.sqrt(2 / fan) / 0.87962566103423978;
      rng.fillTruncatedNormal(out, 0, s, -2 * s, 2 * s);
    },
  ],
  [
    'control: rng.fillTruncatedNormal',
    () => {
      const s = Math.sqrt(2 / fan) / 0.87962566103423978;
      rng.fillTruncatedNormal(out, 0, s, -2 * s, 2 * s);
    },
    'the same call',
    () => {
      const s = Math.sqrt(2 / fan) / 0.87962566103423978;
      rng.fillTruncatedNormal(out, 0, s, -2 * s, 2 * s);
    },
  ],
];
console.log(
  `\n### Fills, ${n} x ${n} float32 (${((n * n) / 1e6).toFixed(1)}M values), best of 31 interleaved, ms\n`,
);
console.log(
  '| scheme | ms | raw @init/rng fill | ms | overhead (best vs best) | overhead (median of paired runs) |',
);
console.log('|---|---|---|---|---|---|');
for (const [name, fn, rawName, raw] of cases) {
  fn();
  raw();
  let a = Number.POSITIVE_INFINITY;
  let b = Number.POSITIVE_INFINITY;
  const ratios: number[] = [];
  for (let i = 0; i < 31; i++) {
    // alternate which goes first so drift and turn-taking hit both alike
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = best(1, fn);
      tb = best(1, raw);
    } else {
      tb = best(1, raw);
      ta = best(1, fn);
    }
    a = Math.min(a, ta);
    b = Math.min(b, tb);
    ratios.push(ta / tb);
  }
  ratios.sort((x, y) => x - y);
  const median = ratios[ratios.length >> 1] as number;
  rows.push(
    `| ${name} | ${fmt(a)} | ${rawName} | ${fmt(b)} | ${(((a - b) / b) * 100).toFixed(1)}% | ${((median - 1) * 100).toFixed(1)}% |`,
  );
  console.log(rows.at(-1));
}

// 2. Orthogonal
if (args.has('--fills-only')) process.exit(0);
const sizes = quick ? [512, 1024] : [512, 1024, 2048];
const ours: Record<number, number> = {};
const init = orthogonal();
for (const s of sizes) {
  init([s, s], rng); // warm-up
  ours[s] = best(s <= 1024 ? 5 : 3, () => init([s, s], rng));
}
let torch: Record<string, number> | undefined;
let torchVersion = '';
if (!args.has('--no-torch')) {
  const script = fileURLToPath(
    new URL('../../../scripts/reference/schemes_orthogonal_torch.py', import.meta.url),
  );
  const r = spawnSync('/usr/bin/python3', [script, ...sizes.map(String)], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (r.status === 0) {
    const parsed = JSON.parse(r.stdout) as { torch: string; ms: Record<string, number> };
    torch = parsed.ms;
    torchVersion = parsed.torch;
  } else console.log(`(PyTorch reference failed: ${r.stderr || r.error})`);
}
let tfjs: number | undefined;
let tfjsNote = 'skipped (--no-tfjs)';
if (!args.has('--no-tfjs')) {
  const script = fileURLToPath(new URL('./tfjs-orthogonal.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '512'], { encoding: 'utf8', timeout: 300_000 });
  if (r.status === 0) {
    const parsed = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as {
      ms: number;
      version: string;
    };
    tfjs = parsed.ms;
    tfjsNote = `TF.js ${parsed.version} cpu, one run`;
  } else tfjsNote = r.error ? `did not finish: ${r.error.message}` : `failed: ${r.stderr.slice(0, 200)}`;
}
console.log(
  `\n### orthogonal n x n float32, best of 3-5, ms (PyTorch ${torchVersion || 'n/a'} 1 thread; ${tfjsNote})\n`,
);
console.log(
  '| n | @init/schemes | PyTorch orthogonal_ | ratio (ours / torch) | TF.js orthogonal | TF.js / ours |',
);
console.log('|---|---|---|---|---|---|');
for (const s of sizes) {
  const t = torch?.[String(s)];
  const tf = s === 512 ? tfjs : undefined;
  console.log(
    `| ${s} | ${fmt(ours[s] as number)} | ${t === undefined ? 'n/a' : fmt(t)} | ${t === undefined ? 'n/a' : ((ours[s] as number) / t).toFixed(2)} | ${tf === undefined ? '' : fmt(tf)} | ${tf === undefined ? '' : `${fmt(tf / (ours[s] as number))}x`} |`,
  );
}
