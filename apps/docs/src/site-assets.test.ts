import { describe, expect, it } from 'vitest';
import { parseCommands } from './cli-docs';
import { histogram } from './figures/signal';
import { absoluteLinks, REPO_BLOB } from './site-assets';

describe('absoluteLinks', () => {
  it('points relative links at GitHub and leaves absolute links and anchors alone', () => {
    expect(absoluteLinks('see [a](scripts/reference/README.md) and [b](https://x.org) and [c](#top)')).toBe(
      `see [a](${REPO_BLOB}scripts/reference/README.md) and [b](https://x.org) and [c](#top)`,
    );
  });
});

describe('parseCommands', () => {
  it('reads the command list of the CLI help, including long names', () => {
    const help = 'Usage\n\nCommands:\n  gain       gains\n  materialize stream weights\n\nRun it';
    expect(parseCommands(help)).toEqual([
      { name: 'gain', summary: 'gains' },
      { name: 'materialize', summary: 'stream weights' },
    ]);
  });
});

describe('histogram', () => {
  it('counts every value once, the maximum in the last bin', () => {
    const h = histogram([0, 0.5, 1, 1, 2], 4);
    expect(h.counts).toEqual([1, 1, 2, 1]);
    expect(h.edges).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('puts constant data in one bin', () => {
    expect(histogram([3, 3, 3], 10)).toEqual({ edges: [3, 3], counts: [3] });
  });
});
