/**
 * Time from a control change to redrawn charts in the signal view (depth 50 x width 256, the issue's
 * target: under 100 ms), in headless Chromium on the built site; and the transfer size of the site.
 *
 * Run: pnpm --filter @init/playground-app bench   (builds dist/ first when it is stale)
 * CASE=orthogonal (a substring of a case's label) runs only the matching cases; ROUNDS=N sets the changes per case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vitest.shared.ts';
import { buildIfStale, DIST, serveSite } from '../e2e/site.ts';
import { listFiles } from '../src/build/precache-plugin.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const GEMM = { value: '?' };

/** Runs in the page: sets `control` to `values` in turn and times each change until both charts redraw. */
const IN_PAGE = `async (rounds, control, values) => {
  const input = document.querySelector('[data-testid="' + control + '"]');
  const chart = document.querySelector('[data-testid="signal-std"]');
  const heat = () => document.querySelector('[data-testid="signal-heatmap"]');
  const latency = [];
  const worker = [];
  for (let i = 0; i < rounds + 3; i++) {
    const v0 = chart.dataset.version;
    const h0 = heat().dataset.version;
    const t0 = performance.now();
    input.value = values[i % values.length];
    input.dispatchEvent(new Event('change'));
    // Woken by the attribute changes themselves (polling with setTimeout would add up to 4 ms of clamping).
    await new Promise((resolve) => {
      const done = () => chart.dataset.version !== v0 && heat().dataset.version !== h0;
      if (done()) return resolve();
      const observer = new MutationObserver(() => {
        if (!done()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ['data-version'] });
    });
    await new Promise((r) => requestAnimationFrame(r));
    const t1 = performance.now();
    const text = document.querySelector('[data-testid="signal-summary"]').textContent;
    const ms = Number((/Computed in (\\d+) ms/.exec(text) || [])[1]);
    if (i >= 3) {
      latency.push(t1 - t0);
      worker.push(ms);
    }
  }
  return { latency, worker };
}`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function measure(
  hash: string,
  control: string,
  values: readonly string[],
): Promise<{ latency: number[]; worker: number[] }> {
  const server = await serveSite();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}${hash}`);
    await page.getByTestId('verdict').waitFor();
    // Passed as source text: tsx would wrap named inner functions in a helper the page does not have.
    GEMM.value =
      /GEMM: (\w+)/.exec((await page.getByTestId('signal-summary').textContent()) ?? '')?.[1] ?? '?';
    const call = `(${IN_PAGE})(${ROUNDS}, ${JSON.stringify(control)}, ${JSON.stringify(values)})`;
    return (await page.evaluate(call)) as { latency: number[]; worker: number[] };
  } finally {
    await browser.close();
    await server.close();
  }
}

function transferSize(): { files: number; bytes: number; gzip: number; rows: string[] } {
  const rows: string[] = [];
  let bytes = 0;
  let gzip = 0;
  const files = listFiles(DIST);
  for (const f of files) {
    const data = readFileSync(join(DIST, f));
    // Already-compressed files travel as they are.
    const z = f.endsWith('.gz') ? data.length : gzipSync(data, { level: 9 }).length;
    bytes += data.length;
    gzip += z;
    rows.push(`| ${f} | ${data.length.toLocaleString('en')} | ${z.toLocaleString('en')} |`);
  }
  return { files: files.length, bytes, gzip, rows };
}

const built = await buildIfStale();
console.log(`dist: ${built}`);
const SEEDS = Array.from({ length: ROUNDS + 3 }, (_, i) => String(100 + i));
const CASES = [
  ['relu, he_normal; seed changes (new weights)', '#s_depth=50&s_width=256', 'ctl-seed', SEEDS],
  [
    'relu <-> leaky_relu, he_normal; activation changes (weights reused)',
    '#s_depth=50&s_width=256',
    'ctl-s_act',
    ['leaky_relu', 'relu'],
  ],
  [
    'tanh, xavier_normal; seed changes',
    '#s_depth=50&s_width=256&s_act=tanh&s_scheme=xavier_normal',
    'ctl-seed',
    SEEDS,
  ],
  [
    'relu, orthogonal; seed changes (50 new orthogonal 256 x 256 layers)',
    '#s_depth=50&s_width=256&s_scheme=orthogonal',
    'ctl-seed',
    SEEDS,
  ],
] as const;
console.log(
  '| case (depth 50 x width 256, batch 32) | change -> charts, median | p90 | min | worker compute, median |',
);
console.log('|---|---:|---:|---:|---:|');
for (const [label, hash, control, values] of CASES) {
  if (process.env.CASE && !label.includes(process.env.CASE)) continue;
  const { latency, worker } = await measure(hash, control, values);
  const l = [...latency].sort((a, b) => a - b);
  const w = [...worker].sort((a, b) => a - b);
  console.log(
    `| ${label} | ${quantile(l, 0.5).toFixed(1)} ms | ${quantile(l, 0.9).toFixed(1)} ms | ${(l[0] ?? 0).toFixed(1)} ms | ${quantile(w, 0.5)} ms |`,
  );
}
console.log(
  `(${ROUNDS} changes per case after 3 warm-up changes; GEMM back end in the worker: ${GEMM.value})`,
);
const t = transferSize();
console.log(`\n| file | bytes | gzip -9 |\n|---|---:|---:|\n${t.rows.join('\n')}`);
console.log(
  `| **total (${t.files} files)** | **${t.bytes.toLocaleString('en')}** | **${t.gzip.toLocaleString('en')}** |`,
);
