// TF.js (cpu backend) orthogonal initializer timing, run in its own process by bench/run.ts.
// Usage: node bench/tfjs-orthogonal.mjs 512  -> prints {"ms": ..., "version": ...}
import * as tf from '@tensorflow/tfjs';

const n = Number(process.argv[2] ?? 512);
await tf.setBackend('cpu');
const warn = console.warn;
console.warn = () => {};
const init = tf.initializers.orthogonal({ gain: 1, seed: 1 });
const start = performance.now();
const t = init.apply([n, n]);
await t.data();
const ms = performance.now() - start;
console.warn = warn;
t.dispose();
console.log(JSON.stringify({ ms, version: tf.version.tfjs }));
