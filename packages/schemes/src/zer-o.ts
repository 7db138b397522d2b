import { createInitializer, type Initializer, type SchemeDefinition } from './initializer';
import { matrixPlacement } from './placement';
import { requireRank } from './shape';

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * `2^(c/2)`, correctly rounded, from operations every engine computes alike: a power of two times
 * `Math.SQRT2` for odd `c` (`2 ** 3.5` goes through `pow`, whose last bit may differ between
 * engines).
 */
function sqrtPowerOfTwo(c: number): number {
  return c % 2 === 0 ? 2 ** (c / 2) : 2 ** ((c - 1) / 2) * Math.SQRT2;
}

/** Registry definition of `zer_o`. */
export const ZER_O: SchemeDefinition = {
  name: 'zer_o',
  aliases: ['zero_init_hadamard'],
  params: [],
  formula:
    'out <= in: W = I (partial identity); out > in: W = I_{out x p} · H_p / 2^{c/2} · I_{p x in}, c = ceil(log2 out), p = 2^c, H_p Sylvester Hadamard',
  whenToUse:
    'Deterministic, random-free training starts (ZerO); residual nets with zero branches and identity shortcuts.',
  stochastic: false,
  prepare(_p, shape, layout, m) {
    requireRank(shape, 2, 5, 'zer_o');
    const pl = matrixPlacement(shape, layout, 'lower', 'zer_o');
    const rows = pl.outSize;
    const cols = pl.inSize;
    const c = rows > 1 ? Math.ceil(Math.log2(rows)) : 0;
    const expand = rows > cols;
    const scale = (expand ? 1 / sqrtPowerOfTwo(c) : 1) * m;
    return {
      description: {
        formula: expand
          ? `W[i][j] = (-1)^popcount(i & j) / 2^(${c}/2) for i < ${rows}, j < ${cols} (Hadamard ${2 ** c})`
          : `W = I (${rows} x ${cols})`,
        distribution: 'deterministic',
        notes:
          shape.length > 2 ? ['kernel: the matrix sits at the centre tap ((k-1)//2), other taps are 0'] : [],
      },
      extents: [{ base: 1, multiplier: m, argument: 'multiplier' }],
      run(out) {
        out.fill(0);
        if (!expand) {
          for (let i = 0; i < rows; i++) out[pl.centerOffset + i * pl.outStride + i * pl.inStride] = scale;
          return;
        }
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < cols; j++) {
            out[pl.centerOffset + i * pl.outStride + j * pl.inStride] = popcount(i & j) & 1 ? -scale : scale;
          }
        }
      },
    };
  },
};

/**
 * ZerO initialization (Zhao, Schäfer, Anandkumar): deterministic, built from identities and a
 * normalized Sylvester Hadamard matrix for dimension-expanding layers. Conv kernels get the matrix
 * at their centre tap.
 *
 * ```math
 * W = \begin{cases} I_{m \times n} & m \le n \\ I_{m \times p}\, \tfrac{H_p}{2^{c/2}}\, I_{p \times n} & m > n,\ c = \lceil \log_2 m \rceil,\ p = 2^c \end{cases}
 * ```
 * with `m` outputs, `n` inputs and `H[i][j] = (-1)^popcount(i & j)`.
 *
 * @param options - `multiplier` (default 1).
 * @throws {InitError} `SHAPE_MISMATCH` for rank outside 2..5.
 * @example
 * ```ts
 * Array.from(zerO()([4, 2]).data); // => [0.5, 0.5, 0.5, -0.5, 0.5, 0.5, 0.5, -0.5]
 * ```
 */
export function zerO(options: { multiplier?: number } = {}): Initializer {
  return createInitializer(ZER_O, options);
}
