import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gunzipIfNeeded, MNIST_MAGIC, parseMnistSubset, syntheticData } from './datasets';

describe('the MNIST subset asset', () => {
  it('decompresses (DecompressionStream) and parses to 2000 + 500 stratified digits', async () => {
    const gz = new Uint8Array(readFileSync(new URL('../../public/mnist-subset.bin.gz', import.meta.url)));
    expect(gz.length).toBeLessThan(500_000);
    const data = parseMnistSubset(await gunzipIfNeeded(gz));
    expect(data.train.shape).toEqual([2000, 784]);
    expect(data.test.shape).toEqual([500, 784]);
    const counts = new Array(10).fill(0);
    for (const y of data.train.y) counts[y]++;
    for (const c of counts) expect(c).toBeGreaterThan(150);
    expect(data.train.x.reduce((m, v) => Math.max(m, v), 0)).toBe(1);
  });

  it('rejects malformed bytes', () => {
    expect(() => parseMnistSubset(new Uint8Array(8))).toThrow('truncated');
    const bad = new Uint8Array(16 + 2 + 2 * 784);
    const dv = new DataView(bad.buffer);
    dv.setUint32(0, MNIST_MAGIC, true);
    dv.setUint32(4, 1, true);
    dv.setUint32(8, 1, true);
    dv.setUint32(12, 784, true);
    bad[16] = 12;
    expect(() => parseMnistSubset(bad)).toThrow('above 9');
    dv.setUint32(4, 5, true);
    expect(() => parseMnistSubset(bad)).toThrow('malformed');
  });

  it('passes bytes that are not gzip through unchanged', async () => {
    const raw = new Uint8Array([1, 2, 3]);
    expect(await gunzipIfNeeded(raw)).toBe(raw);
  });
});

describe('syntheticData', () => {
  it('splits one generated set so that train and test share their classes', () => {
    const d = syntheticData('blobs', 3, 0.1);
    expect(d.train.shape).toEqual([400, 2]);
    expect(d.test.shape).toEqual([400, 2]);
    expect(d.classes).toBe(3);
    expect(d.bounds).not.toBeNull();
    expect(syntheticData('blobs', 3, 0.1).train.x).toEqual(d.train.x);
  });
});
