import { describe, expect, it } from 'vitest';
import { diskExample, inMemory } from './checkpoints';
import { gainsExample, meanFieldExample } from './theory';

describe('theory examples', () => {
  it('gains', () => {
    const g = gainsExample();
    expect(g.relu).toBeCloseTo(Math.SQRT2, 12);
    expect(g.tanh).toBeCloseTo(1.5925374197228312, 10);
    expect(g.selu).toBeCloseTo(1, 10);
    expect(g.centered).toBeCloseTo(1.712858550449663, 10);
  });

  it('mean field: the edge of chaos of tanh and an ordered stack', () => {
    const m = meanFieldExample();
    expect(m.edge.sigmaW2).toBeCloseTo(1.7609546396081863, 8);
    expect(m.edge.qStar).toBeCloseTo(0.5700478816421842, 8);
    expect(m.slope).toBeLessThan(1);
    expect(m.phase).toBe('ordered');
    expect(m.verdict).toBe('vanishing');
    expect(m.summary).toContain('after 53 layers');
  });
});

describe('checkpoint examples', () => {
  it('in memory: GPT-2 small has 148 stored tensors', () => {
    expect(inMemory()).toEqual({ tensors: 148, first: 'transformer.wte.weight', count: 28 });
  });

  it('on disk: shards, their checksums and the index', async () => {
    const { files, listing } = await diskExample();
    expect(files.length).toBeGreaterThan(1);
    expect(listing).toContain('model.safetensors.index.json');
    for (const f of files) expect(listing).toContain(`${f}.sha256.json`);
  });
});
