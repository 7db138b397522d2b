import { describe, expect, it } from 'vitest';
import { mnist } from '../data.ts';
import { buildNetwork, signalLayers, theoryNetworks } from '../theory-networks.ts';
import { compareNetwork, inputSecondMoment, log10Ratio } from './theory.ts';

describe('theory', () => {
  it('compares ratios with zeros on either side', () => {
    expect(log10Ratio(0, 0)).toBe(0);
    expect(log10Ratio(0, 1)).toBe(Number.NEGATIVE_INFINITY);
    expect(log10Ratio(200, 2)).toBe(2);
  });

  it('describes every Dense layer of each network to the advisor, residual branches and Fixup zeros included', () => {
    for (const spec of theoryNetworks(true)) {
      const dense = buildNetwork(spec, 1)
        .layers()
        .filter((l) => l.kind === 'dense');
      expect(signalLayers(spec)).toHaveLength(dense.length);
    }
    const fixup = theoryNetworks(true).find((n) => n.label.startsWith('residual Fixup'));
    const layers = signalLayers(fixup as NonNullable<typeof fixup>);
    expect(layers[2]?.sigmaW2).toBe(0);
    expect(layers[2]?.branch).toBe('block 0');
  });

  it('a wide He ReLU MLP agrees with mean field; a narrow deep one parts from it', async () => {
    const { train } = await mnist(64, 10);
    expect(inputSecondMoment(train, 64)).toBeGreaterThan(0.05);
    const networks = theoryNetworks(true);
    const wide = networks.find((n) => n.label === 'ReLU, He');
    const narrow = networks.find((n) => n.label === 'ReLU, He, narrow and deep');
    const a = compareNetwork(wide as NonNullable<typeof wide>, train, 64, [1, 2]);
    expect(a.agrees).toBe(true);
    expect(a.maxAbsLog10).toBeLessThan(0.2);
    const b = compareNetwork(narrow as NonNullable<typeof narrow>, train, 64, [1, 2]);
    expect(b.agrees).toBe(false);
    expect(b.maxAbsLog10).toBeGreaterThan(0.5);
  });
});
