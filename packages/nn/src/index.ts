/**
 * @init/nn: a small, fast training library whose layers take @init initializers and report
 * per-layer statistics.
 *
 * @packageDocumentation
 */

/** The package's name. */
export const PACKAGE_NAME = '@init/nn';

export { BaseLayer } from './base-layer';
export { BufferCache } from './buffer-cache';
export { Dense, type DenseOptions } from './dense';
export { NnError, type NnErrorCode } from './errors';
export type { AdvisorLayerInfo, Layer, LayerConfig, Parameter, ParameterRole, Shape } from './layer';
export { checkOptions, closestName } from './options';
export { createParameter, zeroGrad } from './parameter';
