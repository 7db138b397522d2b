import type { ParameterSpec } from './model-parameters';

/**
 * Sets the elements of `spec`'s padding row that fall in `values` (elements `start .. start + values.length` of
 * the tensor, row-major) to zero; does nothing without a `paddingRow`.
 *
 * Formula: with `r = paddingRow` and `w = shape[1] · shape[2] ⋯` (1 for a vector), elements `[r·w, (r+1)·w)`
 * are zero, as `nn.Embedding(padding_idx=r)` and Hugging Face's `_init_weights` leave that row.
 * Zero is `+0` for float32 and float64 and the bit pattern `0x0000` (also `+0`) for bf16 and f16.
 */
export function zeroPaddingRow(
  spec: Pick<ParameterSpec, 'shape' | 'paddingRow'>,
  values: Float32Array | Float64Array | Uint16Array,
  start: number,
): void {
  const row = spec.paddingRow;
  if (row === undefined) return;
  let width = 1;
  for (let d = 1; d < spec.shape.length; d++) width *= spec.shape[d] as number;
  const from = Math.max(row * width, start);
  const to = Math.min((row + 1) * width, start + values.length);
  if (from < to) values.fill(0, from - start, to - start);
}
