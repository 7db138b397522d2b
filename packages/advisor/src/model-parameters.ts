import type { SchemeConfig } from './context';

/** One tensor of a model: its name, shape and initialization. */
export interface ParameterSpec {
  /** Unique name, e.g. `'transformer.h.0.attn.c_attn.weight'`. */
  readonly name: string;
  /** Dimensions, as stored in the checkpoint. */
  readonly shape: readonly number[];
  /** The scheme config (`{ name: 'normal', std: 0.02 }`), as `fromConfig` of @init/schemes takes it. */
  readonly init: SchemeConfig;
  /** Layout of the stored tensor for fan-based schemes: `'torch'` (`[out, in]`, default) or `'keras'` (`[in, out]`). */
  readonly layout?: 'torch' | 'keras';
  /**
   * Index along the first dimension of a row that is zero after the initialization, as PyTorch's
   * `nn.Embedding(padding_idx=…)` leaves it (an integer in `[0, shape[0])`; none by default).
   */
  readonly paddingRow?: number;
}

/** A list entry as given to `materialize`: like {@link ParameterSpec}, but `init` may be a bare scheme name. */
export interface ParameterInput extends Omit<ParameterSpec, 'init'> {
  readonly init: SchemeConfig | string;
}

/** A parameter a checkpoint does not store because it shares another's storage (a tied output head). */
export interface TiedParameter {
  readonly name: string;
  /** The stored parameter it equals. */
  readonly to: string;
}

/** Every tensor of a model, in checkpoint order. */
export interface ModelParameters {
  /** Which description it came from. */
  readonly source: 'plan' | 'list' | 'gpt2' | 'llama' | 'model';
  readonly parameters: readonly ParameterSpec[];
  /** Parameters left out of the files because they are tied to a stored one. */
  readonly tied: readonly TiedParameter[];
  /** What the expansion assumed, in words. */
  readonly notes: readonly string[];
}

/** Largest total number of elements a model description may expand to (2^50, about 10^15). */
export const MAX_MODEL_ELEMENTS = 2 ** 50;

/** Largest single dimension of a generated model (2^31). */
export const MAX_MODEL_DIM = 2 ** 31;
