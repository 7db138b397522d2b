// The physical limit of 128-bit SIMD float32 arithmetic on this core, to put GEMM's rate in
// proportion. WebAssembly SIMD has no fused multiply-add, so one multiply-accumulate of 4 lanes
// takes an f32x4.mul and an f32x4.add: with `mulPorts` multiply and `addPorts` add pipes
// (2 and 2 on AMD Zen 2 to Zen 4 and on Intel since Skylake), the limit is
// 4 lanes x 2 flops x min(mulPorts, addPorts) per cycle x clock.
import { cpuNow } from './bench-process';

/**
 * Core clock in GHz, measured: a loop of 16 dependent 32-bit integer operations per iteration
 * (alternating add and xor, which the JIT cannot fold), each with a latency of one cycle on every
 * x86-64 core, so the loop runs at 16 operations per cycle-chain step. Best of five runs.
 */
export function measuredClockGHz(): number {
  const chain = (iters: number, y: number): number => {
    let x = 0;
    for (let i = 0; i < iters; i++) {
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
      x = (x + y) | 0;
      x = (x ^ y) | 0;
    }
    return x;
  };
  chain(1e6, 3);
  let best = 0;
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const n = 3e7;
    const t0 = cpuNow();
    sink ^= chain(n, r + 3);
    const ms = cpuNow() - t0;
    best = Math.max(best, (16 * n) / ms / 1e6);
  }
  return sink === 0.5 ? 0 : best;
}

/** GFLOP/s limit of float32 128-bit SIMD without FMA: 4 lanes x (mul + add) x pipes x GHz. */
export function simdLimitGflops(clockGHz: number, pipes = 2): number {
  return 4 * 2 * pipes * clockGHz;
}
