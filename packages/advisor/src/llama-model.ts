import { AdvisorError } from './errors';
import { checkKeys, positiveInt } from './model-config-keys';
import { MAX_MODEL_DIM, type ModelParameters, type ParameterSpec } from './model-parameters';

/** The fields of a LLaMA config (Hugging Face `LlamaConfig` names) that shape its parameters. */
export interface LlamaConfig {
  readonly hidden_size: number;
  readonly intermediate_size: number;
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number;
  /** Default num_attention_heads (multi-head attention). */
  readonly num_key_value_heads?: number;
  readonly vocab_size: number;
  /** Std of the normal weights; default 0.02. */
  readonly initializer_range?: number;
  /** Whether lm_head shares embed_tokens' storage; default false. */
  readonly tie_word_embeddings?: boolean;
  /** Default hidden_size / num_attention_heads. */
  readonly head_dim?: number;
  /** Biases on q/k/v/o projections; default false. */
  readonly attention_bias?: boolean;
  /** Biases on gate/up/down projections; default false. */
  readonly mlp_bias?: boolean;
  /**
   * Row of embed_tokens that Hugging Face zeroes after the normal draw (nn.Embedding's padding_idx); absent or
   * null for none. Negative values count from the end, as PyTorch's do.
   */
  readonly pad_token_id?: number | null;
}

const USED = [
  'hidden_size',
  'intermediate_size',
  'num_hidden_layers',
  'num_attention_heads',
  'num_key_value_heads',
  'vocab_size',
  'initializer_range',
  'tie_word_embeddings',
  'head_dim',
  'attention_bias',
  'mlp_bias',
  'pad_token_id',
];
/** Keys of a Hugging Face LLaMA config.json that do not change the parameters or their initialization. */
const IGNORED = [
  'model_type',
  'architectures',
  'hidden_act',
  'max_position_embeddings',
  'rms_norm_eps',
  'rope_theta',
  'rope_scaling',
  'attention_dropout',
  'pretraining_tp',
  'bos_token_id',
  'eos_token_id',
  'torch_dtype',
  'transformers_version',
  'use_cache',
  '_name_or_path',
];

/** nn.Embedding's padding_idx: undefined for none, else an index in [0, vocab) (negative ones from the end). */
function paddingRow(value: unknown, vocab: number, argument: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < -vocab || value >= vocab) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `must be null or an integer in [-${vocab}, ${vocab}) (vocab_size = ${vocab})`,
    );
  }
  return value < 0 ? vocab + value : value;
}

function bool(value: unknown, argument: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new AdvisorError('INVALID_ARGUMENT', argument, 'must be true or false');
  return value;
}

/**
 * Every parameter of Hugging Face's `LlamaForCausalLM` for a config, with the initialization of its
 * `_init_weights`, in state-dict order.
 *
 * Formula: d = head_dim (hidden_size / num_attention_heads); model.embed_tokens `[vocab_size, hidden_size]`;
 * per layer model.layers.N: self_attn.q_proj `[heads·d, hidden]`, k_proj and v_proj `[kv_heads·d, hidden]`,
 * o_proj `[hidden, heads·d]`, mlp.gate_proj and up_proj `[intermediate, hidden]`, down_proj
 * `[hidden, intermediate]`, input_layernorm and post_attention_layernorm `[hidden]`; then model.norm and
 * lm_head `[vocab_size, hidden]` (absent when tie_word_embeddings). Linear and embedding weights ~ N(0, r²)
 * with r = initializer_range (0.02), RMSNorm weights 1, no biases (zero ones with attention_bias / mlp_bias);
 * with pad_token_id p, row p of embed_tokens is zero (its `paddingRow`).
 *
 * @param config - the keys above; other keys of a Hugging Face config.json that do not change the weights
 *   (rope, eps, dropout, the other token ids) are ignored
 * @returns the parameters, a tied head when tie_word_embeddings, and notes
 * @throws {AdvisorError} `INVALID_ARGUMENT` for missing, non-integer or unknown keys (with "did you mean"), heads
 *   not dividing hidden_size (without head_dim), kv heads not dividing heads, or a pad_token_id outside
 *   [-vocab_size, vocab_size); `TOO_LARGE` for a dimension over 2^31
 * @example
 * ```ts
 * const m = llamaParameters({ hidden_size: 16, intermediate_size: 32, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 10 });
 * m.parameters.map((p) => p.shape.join('x')); // => ['10x16', '16x16', '8x16', '8x16', '16x16', '32x16', '32x16', '16x32', '16', '16', '16', '10x16']
 * ```
 */
export function llamaParameters(config: LlamaConfig): ModelParameters {
  const arg = 'config';
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      arg,
      'must be a LLaMA config object { hidden_size, intermediate_size, ... }',
    );
  }
  checkKeys(config as unknown as Record<string, unknown>, USED, IGNORED, arg);
  const hidden = positiveInt(config.hidden_size, `${arg}.hidden_size`, MAX_MODEL_DIM);
  const inter = positiveInt(config.intermediate_size, `${arg}.intermediate_size`, MAX_MODEL_DIM);
  const layers = positiveInt(config.num_hidden_layers, `${arg}.num_hidden_layers`, 100_000);
  const heads = positiveInt(config.num_attention_heads, `${arg}.num_attention_heads`, MAX_MODEL_DIM);
  const kv = positiveInt(config.num_key_value_heads, `${arg}.num_key_value_heads`, MAX_MODEL_DIM, heads);
  const vocab = positiveInt(config.vocab_size, `${arg}.vocab_size`, MAX_MODEL_DIM);
  if (config.head_dim === undefined && hidden % heads !== 0) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.hidden_size`,
      `${hidden} is not divisible by num_attention_heads = ${heads}`,
    );
  }
  const d = positiveInt(config.head_dim, `${arg}.head_dim`, MAX_MODEL_DIM, hidden / heads);
  if (heads % kv !== 0) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.num_key_value_heads`,
      `${kv} does not divide num_attention_heads = ${heads}`,
    );
  }
  const pad = paddingRow(config.pad_token_id, vocab, `${arg}.pad_token_id`);
  const r = config.initializer_range ?? 0.02;
  if (typeof r !== 'number' || !Number.isFinite(r) || r < 0 || r > 1e6) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.initializer_range`,
      'must be a finite number in [0, 1e6]',
    );
  }
  const tied = bool(config.tie_word_embeddings, `${arg}.tie_word_embeddings`);
  const attnBias = bool(config.attention_bias, `${arg}.attention_bias`);
  const mlpBias = bool(config.mlp_bias, `${arg}.mlp_bias`);
  const normal = { name: 'normal', std: r };
  const embed = 'model.embed_tokens.weight';
  const p: ParameterSpec[] = [
    { name: embed, shape: [vocab, hidden], init: normal, ...(pad !== undefined ? { paddingRow: pad } : {}) },
  ];
  const linear = (name: string, out: number, inF: number, bias: boolean): void => {
    p.push({ name: `${name}.weight`, shape: [out, inF], init: normal });
    if (bias) p.push({ name: `${name}.bias`, shape: [out], init: { name: 'zeros' } });
  };
  for (let i = 0; i < layers; i++) {
    const l = `model.layers.${i}`;
    linear(`${l}.self_attn.q_proj`, heads * d, hidden, attnBias);
    linear(`${l}.self_attn.k_proj`, kv * d, hidden, attnBias);
    linear(`${l}.self_attn.v_proj`, kv * d, hidden, attnBias);
    linear(`${l}.self_attn.o_proj`, hidden, heads * d, attnBias);
    linear(`${l}.mlp.gate_proj`, inter, hidden, mlpBias);
    linear(`${l}.mlp.up_proj`, inter, hidden, mlpBias);
    linear(`${l}.mlp.down_proj`, hidden, inter, mlpBias);
    p.push({ name: `${l}.input_layernorm.weight`, shape: [hidden], init: { name: 'ones' } });
    p.push({ name: `${l}.post_attention_layernorm.weight`, shape: [hidden], init: { name: 'ones' } });
  }
  p.push({ name: 'model.norm.weight', shape: [hidden], init: { name: 'ones' } });
  if (!tied) p.push({ name: 'lm_head.weight', shape: [vocab, hidden], init: normal });
  return {
    source: 'llama',
    parameters: p,
    tied: tied ? [{ name: 'lm_head.weight', to: 'model.embed_tokens.weight' }] : [],
    notes: [
      `LlamaForCausalLM as Hugging Face initializes it: N(0, ${r}^2) Linear and Embedding weights, RMSNorm weights 1${attnBias || mlpBias ? ', zero biases' : ', no biases'}`,
      ...(pad !== undefined ? [`row ${pad} of ${embed} (pad_token_id) is zero`] : []),
      tied
        ? 'lm_head.weight is tied to model.embed_tokens.weight and not stored'
        : 'lm_head.weight is stored (tie_word_embeddings is false)',
    ],
  };
}
