/**
 * Timings of the advisor's numeric paths (not run by `pnpm test`).
 * Run from packages/advisor: `npx tsx bench/advisor.bench.ts`.
 */
import { criticalSigmaW, plan, propagate, recommend, varianceGain } from '../src/index';

function time(label: string, fn: () => unknown, repeats: number): void {
  fn(); // warm-up (JIT, quadrature rule caches)
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) fn();
  const ms = (performance.now() - t0) / repeats;
  console.log(`${label.padEnd(52)} ${ms < 1 ? `${(ms * 1000).toFixed(0)} us` : `${ms.toFixed(2)} ms`}`);
}

time("varianceGain('gelu') (3 integrals, 1664 nodes each)", () => varianceGain('gelu'), 200);
time("varianceGain('selu') (split at the kink)", () => varianceGain('selu'), 200);
time("criticalSigmaW('relu')", () => criticalSigmaW('relu'), 20);
time("criticalSigmaW('tanh', sqrt(0.05))", () => criticalSigmaW('tanh', Math.sqrt(0.05)), 20);
time('propagate tanh, depth 100', () => propagate({ activation: 'tanh', depth: 100, sigmaW2: 1 }), 20);
time('propagate gelu, depth 10000', () => propagate({ activation: 'gelu', depth: 10_000, sigmaW2: 2.35 }), 3);
time(
  'recommend relu cnn depth 50 (with mean-field check)',
  () => recommend({ activation: 'relu', architecture: 'cnn', depth: 50 }),
  50,
);
time('recommend lstm', () => recommend({ architecture: 'lstm' }), 200);
const layers = Array.from({ length: 100 }, (_, i) => ({
  kind: 'dense' as const,
  shape: [512, 512],
  name: `fc${i}`,
}));
time('plan, 100 dense layers (with signal analysis)', () => plan({ activation: 'relu', layers }), 10);
