/**
 * @init/schemes: every weight initialization scheme, with exact, layout-aware fan and gain rules.
 *
 * @packageDocumentation
 */

export {
  CHECKPOINT_INDEX_FILE,
  type CheckpointFile,
  type CheckpointIndex,
  type CheckpointPlan,
  type CheckpointPlanOptions,
  checkpointIndexJson,
  planCheckpoint,
  shardFileName,
} from './checkpoint-plan';
export {
  type ChunkFillMethod,
  type ChunkGenerator,
  type ChunkPlan,
  chunkGenerator,
  fillChunk,
} from './chunk-generator';
export { type ConstantOptions, constant, ones, zeros } from './constant';
export { deltaOrthogonal } from './delta-orthogonal';
export { type DiracOptions, dirac } from './dirac';
export { InitError, type InitErrorCode } from './errors';
export { computeFans, type FanMode, type Fans } from './fans';
export { calculateGain, type Nonlinearity } from './gain';
export {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
} from './half-precision';
export {
  type HeOptions,
  heNormal,
  heNormal as kaimingNormal,
  heTruncatedNormal,
  heUniform,
  heUniform as kaimingUniform,
} from './he';
export { identity, identity as eye } from './identity';
export type { FillOptions, Initializer, InitOptions, SchemeConfig, SchemeDescription } from './initializer';
export { fromKerasConfig, type KerasInitializerConfig } from './keras';
export type { AxesLayout, Layout, LayoutOptions } from './layout';
export { lecunNormal, lecunTruncatedNormal, lecunUniform } from './lecun';
export { FLOAT32_MAX, MAX_ELEMENTS } from './limits';
export { type NormalOptions, normal, randomSmall } from './normal';
export { decodeNpy, encodeNpy, type NpyHeader, type NpyVersion, npyHeader, parseNpyHeader } from './npy';
export { type OrthogonalMethod, orthogonal } from './orthogonal';
export { type OrthogonalFactors, orthogonalFactors, type ReflectorBlock } from './orthogonal-factors';
export { parameterStream, type Rng, type Seed } from './parameter-stream';
export type { ParamValue } from './params';
export type { CenterRule } from './placement';
export {
  chronoBias,
  type GateOrder,
  lstmForgetBias,
  rnnIdentity,
  rnnOrthogonal,
} from './recurrent';
export { fromConfig, listSchemes, type ParamInfo, type SchemeInfo } from './registry';
export {
  type FixupPlan,
  fixup,
  fixupScale,
  gpt2Residual,
  residualGate,
  type TFixupPlan,
  tFixup,
} from './residual';
export {
  buildSafetensorsHeader,
  decodeSafetensors,
  encodeSafetensors,
  parseSafetensorsHeader,
  SAFETENSORS_ITEM_SIZE,
  type SafetensorsDtype,
  type SafetensorsEntry,
  type SafetensorsHeader,
  type SafetensorsInput,
  type SafetensorsTensor,
  type SafetensorsTensorInfo,
  safetensorsHeaderLength,
} from './safetensors';
export type { Shape } from './shape';
export { type CsrMatrix, type SparseOptions, sparse, toCsr } from './sparse';
export type { Dtype, DtypeArray, FloatArray, Tensor } from './tensor';
export { type TruncatedNormalOptions, truncatedNormal } from './truncated-normal';
export { type UniformOptions, uniform } from './uniform';
export {
  type ScalingDistribution,
  TRUNCATION_CORRECTION,
  type VarianceScalingOptions,
  varianceScaling,
} from './variance-scaling';
export { MAX_HEADER_BYTES } from './weights-limits';
export { type MupOptions, type MupRole, mup, mupMultiplier } from './width';
export {
  type XavierOptions,
  xavierNormal,
  xavierNormal as glorotNormal,
  xavierTruncatedNormal,
  xavierUniform,
  xavierUniform as glorotUniform,
} from './xavier';
export { zerO } from './zer-o';
