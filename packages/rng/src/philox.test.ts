import { describe, expect, it } from 'vitest';
import { philoxBlocks } from './philox';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0')).join(' ');

describe('Philox4x32-10', () => {
  // Random123 kat_vectors: counter (4 words), key (2 words) -> output (4 words).
  const vectors: [number[], number[], string][] = [
    [[0, 0, 0, 0], [0, 0], '6627e8d5 e169c58d bc57ac4c 9b00dbd8'],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      '408f276d 41c83b0e a20bc7c6 6d5451fd',
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    ],
  ];
  it.each(vectors)('matches the Random123 known-answer vector ctr=%j key=%j', (ctr, key, expected) => {
    const out = new Uint32Array(4);
    philoxBlocks(key[0]!, key[1]!, ctr[0]!, ctr[1]!, ctr[2]!, ctr[3]!, 1, out, 0);
    expect(hex(out)).toBe(expected);
  });

  it('carries the 128-bit counter through all four words', () => {
    const run = new Uint32Array(8);
    philoxBlocks(7, 9, 0xffffffff, 0xffffffff, 0xffffffff, 0, 2, run, 0);
    const second = new Uint32Array(4);
    philoxBlocks(7, 9, 0, 0, 0, 1, 1, second, 0);
    expect(hex(run.subarray(4))).toBe(hex(second));
  });

  it('writes at the requested index and nowhere else', () => {
    const out = new Uint32Array(12);
    philoxBlocks(1, 2, 3, 0, 0, 0, 2, out, 2);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(0);
    expect(out[10]).toBe(0);
    expect(out[11]).toBe(0);
  });
});
