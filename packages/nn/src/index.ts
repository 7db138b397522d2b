/**
 * @init/nn: a small, fast training library whose layers take `@init` initializers and report
 * per-layer statistics.
 *
 * @packageDocumentation
 */

/** The package's name. */
export const PACKAGE_NAME = '@init/nn';

export { ACTIVATIONS, Activation, type ActivationName, type ActivationOptions } from './activation';
export { BaseLayer } from './base-layer';
export { BatchNorm, type BatchNormOptions } from './batch-norm';
export { BufferCache } from './buffer-cache';
export { type Container, isContainer, type LayerObserver, leafLayers } from './container';
export type { Pair } from './conv-geometry';
export { Conv2D, type Conv2DOptions } from './conv2d';
export type { Dataset, Labels } from './data-set';
export { type SplitOptions, type SubsetOptions, subset, trainTestSplit } from './data-subset';
export { Dense, type DenseOptions } from './dense';
export {
  type DiagnoseOptions,
  type DiagnoseReport,
  diagnose,
  type LayerDiagnosis,
  type LayerVerdict,
} from './diagnose';
export { Dropout, type DropoutOptions } from './dropout';
export { Embedding, type EmbeddingOptions } from './embedding';
export { NnError, type NnErrorCode, NonFiniteError } from './errors';
export {
  type EpochLog,
  evaluate,
  type FitOptions,
  type FitResult,
  fit,
  type NonFiniteReport,
  type StepInfo,
} from './fit';
export { Flatten } from './flatten';
export { GRU, type GRUOptions } from './gru';
export {
  advisorModel,
  formatInitRecords,
  type InitializeOptions,
  type InitRecord,
  type InitSpec,
  initialize,
} from './init';
export type { AdvisorLayerInfo, Layer, LayerConfig, Parameter, ParameterRole, Shape } from './layer';
export { LayerNorm, type LayerNormOptions } from './layer-norm';
export { type LayerFactory, layerFromConfig, registerLayer } from './layer-registry';
export {
  BinaryCrossEntropyWithLogits,
  createLoss,
  LOSSES,
  type Loss,
  type LossName,
  MeanSquaredError,
  SoftmaxCrossEntropy,
  type Targets,
} from './loss';
export { LSTM, type LSTMOptions } from './lstm';
export { type LsuvLayerResult, type LsuvOptions, lsuv } from './lsuv';
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
export { Model, type ModelOptions } from './model';
export { type LayerSeries, type LayerStepStats, Monitor, type MonitorOptions } from './monitor';
export {
  Adam,
  type AdamOptions,
  AdamW,
  clipGradNorm,
  clipGradValue,
  createOptimizer,
  gradNorm,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerName,
  RMSprop,
  type RMSpropOptions,
  SGD,
  type SGDOptions,
} from './optimizer';
export { checkOptions, closestName } from './options';
export { createParameter, zeroGrad } from './parameter';
export { AvgPool2D, MaxPool2D, type Pool2DOptions } from './pool2d';
export {
  type CallbackProgressOptions,
  callbackProgress,
  formatProgress,
  type ProgressInfo,
  type ProgressSink,
  type ProgressState,
  silentProgress,
} from './progress';
export {
  MAX_HIDDEN,
  type RecurrentAdvisorLayerInfo,
  RecurrentLayer,
  type RecurrentOptions,
} from './recurrent-layer';
export { Residual, type ResidualOptions } from './residual';
export { type RnnNonlinearity, SimpleRNN, type SimpleRNNOptions } from './rnn';
export {
  describeModel,
  exportNpy,
  loadModel,
  loadWeights,
  MODEL_FORMAT,
  type ModelDescription,
  type SavedModel,
  saveModel,
} from './save-load';
export { cosineSchedule, type Schedule, stepSchedule, warmupSchedule } from './schedule';
export {
  ADDING_BASELINE_MSE,
  type AddingOptions,
  addingProblem,
} from './sequence-tasks-adding';
export { type CopyTaskOptions, copyBaselineCrossEntropy, copyTask } from './sequence-tasks-copy';
export { Sequential, type SequentialChildren } from './sequential';
export { type BlobsOptions, gaussianBlobs } from './synthetic-blobs';
export { type CirclesOptions, circles } from './synthetic-circles';
export { type SpiralsOptions, spirals } from './synthetic-spirals';
export { type XorOptions, xor } from './synthetic-xor';
