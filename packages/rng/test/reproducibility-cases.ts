import { ALGORITHMS, createRng } from '../src/create-rng';
import { fillBackend, setFillBackend } from '../src/fill-kernels';
import type { Seed } from '../src/seed';
import { sha256Words } from '../src/sha256';

/** SHA-256 hex of a typed array's bytes (the package's own SHA-256, checked against node:crypto elsewhere). */
function hash(a: ArrayBufferView): string {
  const words = sha256Words(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
}

const SEEDS: readonly Seed[] = ['init', 0, -7, 2n ** 64n + 1n];
const N = 50_000;

/**
 * Hashes of fills for several algorithms, seeds and distributions, for Philox on both the WebAssembly and
 * the TypeScript path. The browser test runs this in Chromium and compares it with Node's result.
 */
export function reproducibilityHashes(): { backend: string; hashes: Record<string, string> } {
  const hashes: Record<string, string> = {};
  const backend = fillBackend();
  for (const path of ['wasm', 'ts'] as const) {
    if (path === 'wasm' && backend !== 'wasm') continue;
    setFillBackend(path);
    for (const seed of SEEDS) {
      const tag = `philox/${path}/${String(seed)}`;
      hashes[`${tag}/uniform f32`] = hash(createRng(seed).fillUniform(new Float32Array(N), -1, 1));
      hashes[`${tag}/normal f32`] = hash(createRng(seed).fillNormal(new Float32Array(N)));
      hashes[`${tag}/normal f64`] = hash(createRng(seed).fillNormal(new Float64Array(N), 0.5, 3));
      hashes[`${tag}/truncated f32 [-2, 2]`] = hash(
        createRng(seed).fillTruncatedNormal(new Float32Array(N), 0, 1, -2, 2),
      );
      hashes[`${tag}/truncated f64 [3, 6]`] = hash(
        createRng(seed).fillTruncatedNormal(new Float64Array(N), 0, 1, 3, 6),
      );
      hashes[`${tag}/truncated f64 [0.1, 0.2]`] = hash(
        createRng(seed).fillTruncatedNormal(new Float64Array(N), 0, 1, 0.1, 0.2),
      );
      hashes[`${tag}/bernoulli u8`] = hash(createRng(seed).fillBernoulli(new Uint8Array(N), 0.3));
      hashes[`${tag}/chunked normal f32 at offset 2^33`] = hash(
        createRng(seed).fillNormal(new Float32Array(N), 0, 1, { offset: 2 ** 33 }),
      );
    }
  }
  setFillBackend(undefined);
  for (const algorithm of ALGORITHMS) {
    if (algorithm === 'philox') continue;
    for (const seed of SEEDS) {
      const rng = createRng(seed, { algorithm });
      hashes[`${algorithm}/${String(seed)}/normal f64`] = hash(rng.fillNormal(new Float64Array(5_000)));
      hashes[`${algorithm}/${String(seed)}/truncated f32 [3, 6]`] = hash(
        rng.fillTruncatedNormal(new Float32Array(2_000), 0, 1, 3, 6),
      );
      hashes[`${algorithm}/${String(seed)}/random`] = hash(
        Float64Array.from({ length: 1000 }, () => rng.random()),
      );
    }
  }
  return { backend, hashes };
}
