/**
 * Source of the worker thread used by the parallel fill (`@init/rng/node`), run with `eval: true` so the
 * package needs no separate worker file. The worker instantiates the same WebAssembly module as the main
 * thread (posted to it compiled), receives the same ziggurat tables, and fills its range of stream indices
 * straight into the shared output buffer with the same kernels: its values are those of the single-threaded
 * fill at the same indices, bit for bit.
 */
export const PARALLEL_WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
let ex;
let blocks;
parentPort.on('message', (m) => {
  if (m.type === 'init') {
    ex = new WebAssembly.Instance(m.module, {}).exports;
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
  const Out = m.dtype === 'float32' ? Float32Array : m.dtype === 'float64' ? Float64Array : Uint8Array;
  const out = new Out(m.buffer, m.byteOffset, m.length);
  // Bernoulli kernels write bytes whatever the output type; the others write the output's element type.
  const View = m.kind === 'bernoulli' ? Uint8Array : Out;
  const view = new View(mem, ex.outPtr(), m.kind !== 'bernoulli' && m.dtype === 'float32' ? 4 * blocks : 2 * blocks);
  const p = m.params;
  let run;
  if (m.kind === 'uniform32') run = (s, c) => ex.uniform32(m.k0, m.k1, s, c, p[0], p[1], p[2], p[3]);
  else if (m.kind === 'uniform64') run = (s, c) => ex.uniform64(m.k0, m.k1, s, c, p[0], p[1], p[2]);
  else if (m.kind === 'normal32') run = (s, c) => ex.normal32(m.k0, m.k1, s, c, p[0], p[1]);
  else if (m.kind === 'normal64') run = (s, c) => ex.normal64(m.k0, m.k1, s, c, p[0], p[1]);
  else if (m.kind === 'truncated') {
    ex.setTruncatedPlan(p[4], p[5], p[6], p[7], p[8], p[9], p[10]);
    run = (s, c) => ex.truncated(m.k0, m.k1, s, c, p[0], p[1], p[2], p[3], m.dtype === 'float32' ? 1 : 0);
  } else run = (s, c) => ex.bernoulli(m.k0, m.k1, s, c, p[0]);
  const capacity = blocks * m.perBlock;
  let j = 0;
  while (j < m.length) {
    const s = m.start + j;
    const lane = s % m.perBlock;
    const count = Math.min(m.length - j, capacity - lane, view.length);
    run(s, count);
    out.set(view.subarray(0, count), j);
    j += count;
  }
  parentPort.postMessage({ type: 'done', id: m.id });
});
`;
