/**
 * @init/linalg: dense matrices, GEMM, Householder QR, SVD and the checks built on them.
 *
 * @packageDocumentation
 */

export { LinalgError, type LinalgErrorCode } from './errors';
export { type GemmBackend, type GemmOptions, gemm, gemmBackend, setGemmBackend } from './gemm';
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
