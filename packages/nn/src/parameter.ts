import { NnError } from './errors';
import type { Parameter, ParameterRole, Shape } from './layer';
import { MAX_ELEMENTS, numel } from './options';

/**
 * Allocates a parameter named `path.localName` (or `localName` when `path` is empty), with zeroed
 * `value` and `grad` of `numel(shape)` elements each.
 *
 * @param path - Dotted path of the owning layer (`'blocks.3.conv1'`), or `''`.
 * @param localName - Name inside the layer (`'weight'`, `'bias'`, `'weight_hh'`...).
 * @param shape - Shape in PyTorch's layout.
 * @param role - What the tensor is for (chooses its default initializer).
 * @throws {NnError} `TOO_LARGE` above 2^28 elements.
 * @example
 * ```ts
 * const p = createParameter('fc', 'weight', [3, 4], 'weight');
 * [p.name, p.value.length]; // => ['fc.weight', 12]
 * ```
 */
export function createParameter(
  path: string,
  localName: string,
  shape: Shape,
  role: ParameterRole,
): Parameter {
  const n = numel(shape);
  if (n > MAX_ELEMENTS)
    throw new NnError(
      'TOO_LARGE',
      path || localName,
      `parameter ${localName} would hold ${n} elements, more than ${MAX_ELEMENTS}`,
    );
  return Object.freeze({
    name: path === '' ? localName : `${path}.${localName}`,
    localName,
    shape: Object.freeze([...shape]),
    value: new Float32Array(n),
    grad: new Float32Array(n),
    role,
  });
}

/**
 * Sets every gradient to zero, in place (no allocation).
 *
 * @example
 * ```ts
 * zeroGrad(model.parameters()); // every p.grad is now all zeros
 * ```
 */
export function zeroGrad(parameters: readonly Parameter[]): void {
  for (const p of parameters) p.grad.fill(0);
}
