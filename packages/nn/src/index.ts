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
export type { Dataset, Labels } from './data-set';
export { type SplitOptions, type SubsetOptions, subset, trainTestSplit } from './data-subset';
export { Dense, type DenseOptions } from './dense';
export { NnError, type NnErrorCode } from './errors';
export type { AdvisorLayerInfo, Layer, LayerConfig, Parameter, ParameterRole, Shape } from './layer';
export { type MnistParseOptions, parseMnist } from './mnist-dataset';
export {
  type IdxBytes,
  type IdxDtype,
  type IdxHeader,
  type IdxImageOptions,
  type IdxImages,
  type IdxLabelOptions,
  type IdxLabels,
  MNIST_MEAN,
  MNIST_STD,
  type PixelScaling,
  parseIdxImages,
  parseIdxLabels,
  readIdxHeader,
} from './mnist-idx';
export { checkOptions, closestName } from './options';
export { createParameter, zeroGrad } from './parameter';
