/**
 * @init/linalg: dense matrices, GEMM, Householder QR, SVD and the checks built on them.
 *
 * @packageDocumentation
 */

export {
  type ApplyBlockReflectorsOptions,
  applyBlockReflectors,
  type BlockReflector,
} from './block-reflectors';
export { LinalgError, type LinalgErrorCode } from './errors';
export { type GemmBackend, type GemmOptions, gemm, gemmBackend, setGemmBackend } from './gemm';
export { hadamard } from './hadamard';
export { diagonal, identity } from './identity';
export { type EigSymOptions, eigSym } from './jacobi';
export {
  type AllocOptions,
  allocate,
  block,
  copy,
  type Dtype,
  dtypeOf,
  type FloatArray,
  fromArray,
  get,
  isContiguous,
  type Matrix,
  matrix,
  set,
  toArray,
  transpose,
  type ViewOptions,
  view,
} from './matrix';
export { frobeniusNorm, maxAbs } from './norms';
export { isIsometry, orthogonalityError } from './orthogonality';
export { type QrMode, type QrOptions, type QrResult, qr } from './qr';
export { type SpectralNormOptions, spectralNorm } from './spectral-norm';
export { conditionNumber, effectiveRank, rank, stableRank } from './spectrum';
export { type SvdOptions, type SvdResult, svd } from './svd';
export { transposeCopy } from './transpose-copy';
export { type EigResult, type EigTridiagonalOptions, eigSymTridiagonal } from './tridiagonal';
