import { exp } from './elementary';

/**
 * The error function, with a relative error of erfc below 1.2e-7 everywhere (a Chebyshev fit
 * of erfc, Numerical Recipes' `erfcc`), enough for float32 activations.
 *
 * ```math
 * \operatorname{erf}(x) = \frac{2}{\sqrt{\pi}} \int_0^x e^{-t^2} dt
 * ```
 *
 * For |x| < 0.5 a Taylor series to x^11 is used instead, so that erf(x) keeps full relative
 * accuracy near 0 (where 1 − erfc(x) would cancel).
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  if (z < 0.5) {
    const x2 = x * x;
    // 2/sqrt(pi) * (x - x^3/3 + x^5/10 - x^7/42 + x^9/216 - x^11/1320)
    return (
      1.1283791670955126 *
      x *
      (1 + x2 * (-1 / 3 + x2 * (1 / 10 + x2 * (-1 / 42 + x2 * (1 / 216 + x2 * (-1 / 1320))))))
    );
  }
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc : erfc - 1;
}
