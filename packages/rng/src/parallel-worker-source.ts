/**
 * Source of the worker thread used by the parallel fill (`@init/rng/node`), run with `eval: true` so the
 * package needs no separate worker file. The worker instantiates the same WebAssembly module as the main
 * thread (posted to it compiled), receives the same ziggurat tables, and fills its range of stream indices
 * straight into the shared output buffer with the same kernels: its values are those of the single-threaded
 * fill at the same indices, bit for bit. With `dtype: 'bfloat16'` it runs the float32 kernels and rounds each
 * value to a bfloat16 bit pattern as it copies it out of its memory (round to nearest even, NaN to a quiet NaN:
 * the loop of `storeBfloat16` in `parallel-bfloat16.ts`).
 */
export const PARALLEL_WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
let ex;
let rx;
let blocks;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Rounds the float32 bits w[0 .. n) to bfloat16 into whole[e ..) (pairs: the same buffer, 32 bits at a time).
function storeBfloat16(w, n, whole, pairs, e) {
  let i = 0;
  if (LITTLE_ENDIAN && n > 1) {
    if ((e & 1) === 1) {
      const b = w[0];
      whole[e++] = (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
      i = 1;
    }
    for (; i + 1 < n; i += 2, e += 2) {
      const b = w[i];
      const c = w[i + 1];
      const lo = (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
      const hi = (c & 0x7fffffff) > 0x7f800000 ? (c >>> 16) | 0x0040 : ((c + 0x7fff + ((c >> 16) & 1)) | 0) >>> 16;
      pairs[e >>> 1] = lo | (hi << 16);
    }
  }
  for (; i < n; i++, e++) {
    const b = w[i];
    whole[e] = (b & 0x7fffffff) > 0x7f800000 ? (b >>> 16) | 0x0040 : ((b + 0x7fff + ((b >> 16) & 1)) | 0) >>> 16;
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'init') {
    ex = new WebAssembly.Instance(m.module, {}).exports;
    // The SIMD rounding module shares the Philox module's memory and rounds its output buffer in place.
    if (m.round) rx = new WebAssembly.Instance(m.round, { env: { memory: ex.memory } }).exports;
    const mem = ex.memory.buffer;
    new Float64Array(mem, ex.tablePtr(0), 257).set(m.x);
    new Float64Array(mem, ex.tablePtr(1), 257).set(m.f);
    new Float64Array(mem, ex.tablePtr(2), 256).set(m.scale23);
    new Float64Array(mem, ex.tablePtr(3), 256).set(m.scale53);
    blocks = ex.maxBlocks();
    parentPort.postMessage({ type: 'ready' });
    return;
  }
  const mem = ex.memory.buffer;
  const bf16 = m.dtype === 'bfloat16';
  const f32 = m.dtype === 'float32' || bf16;
  const Out = f32 ? Float32Array : m.dtype === 'float64' ? Float64Array : Uint8Array;
  const out = bf16 ? undefined : new Out(m.buffer, m.byteOffset, m.length);
  // Bernoulli kernels write bytes whatever the output type; the others write the output's element type
  // (bfloat16: float32 bits, read as int32 to round them).
  const View = m.kind === 'bernoulli' ? Uint8Array : bf16 ? Int32Array : Out;
  const view = new View(mem, ex.outPtr(), m.kind !== 'bernoulli' && f32 ? 4 * blocks : 2 * blocks);
  const first = m.byteOffset >>> 1; // bfloat16: element index of the range in the buffer
  const whole = bf16 ? new Uint16Array(m.buffer, 0, first + m.length) : undefined;
  const pairs = bf16 ? new Uint32Array(m.buffer, 0, (first + m.length) >>> 1) : undefined;
  const rounded = bf16 && rx ? new Uint16Array(mem, ex.outPtr(), view.length) : undefined;
  const p = m.params;
  let run;
  if (m.kind === 'uniform32') run = (s, c) => ex.uniform32(m.k0, m.k1, s, c, p[0], p[1], p[2], p[3]);
  else if (m.kind === 'uniform64') run = (s, c) => ex.uniform64(m.k0, m.k1, s, c, p[0], p[1], p[2]);
  else if (m.kind === 'normal32') run = (s, c) => ex.normal32(m.k0, m.k1, s, c, p[0], p[1]);
  else if (m.kind === 'normal64') run = (s, c) => ex.normal64(m.k0, m.k1, s, c, p[0], p[1]);
  else if (m.kind === 'truncated') {
    ex.setTruncatedPlan(p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
    run = (s, c) => ex.truncated(m.k0, m.k1, s, c, p[0], p[1], p[2], p[3], f32 ? 1 : 0);
  } else run = (s, c) => ex.bernoulli(m.k0, m.k1, s, c, p[0]);
  const capacity = blocks * m.perBlock;
  let j = 0;
  while (j < m.length) {
    const s = m.start + j;
    const lane = s % m.perBlock;
    const count = Math.min(m.length - j, capacity - lane, view.length);
    run(s, count);
    if (rounded) {
      // Eight values a step in WebAssembly (in place, the bit patterns then fill the buffer's first half),
      // the last count % 8 here.
      const simd = count & ~7;
      if (simd > 0) {
        rx.round(ex.outPtr(), simd);
        whole.set(rounded.subarray(0, simd), first + j);
      }
      if (simd < count) storeBfloat16(view.subarray(simd, count), count - simd, whole, pairs, first + j + simd);
    } else if (bf16) storeBfloat16(view, count, whole, pairs, first + j);
    else out.set(view.subarray(0, count), j);
    j += count;
  }
  parentPort.postMessage({ type: 'done', id: m.id });
});
`;
