// Writes packages/rng/test/fixtures/golden-hashes.json: SHA-256 of the bytes of the first 10^6 values of
// every distribution of @init/rng for a few seeds (string, 0, negative, bigint). The committed fixture pins
// the streams: any change to them is a breaking change and must show up as a failing test.
// Usage (from the repository root): npx tsx scripts/reference/rng_golden_hashes.ts
import { writeFileSync } from 'node:fs';
import { GOLDEN_SEEDS, goldenHashes } from '../../packages/rng/test/golden';

const hashes: Record<string, Record<string, string>> = {};
for (const seed of GOLDEN_SEEDS)
  hashes[String(seed) + (typeof seed === 'bigint' ? 'n' : '')] = goldenHashes(seed);
const fixture = {
  description: 'SHA-256 of the little-endian bytes of the first 10^6 values of each distribution',
  generator: 'scripts/reference/rng_golden_hashes.ts',
  hashes,
};
writeFileSync('packages/rng/test/fixtures/golden-hashes.json', `${JSON.stringify(fixture, null, 2)}\n`);
console.log(JSON.stringify(fixture, null, 2));
