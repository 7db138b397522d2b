import { AdvisorError } from './errors';
import { checkKeys, positiveInt } from './model-config-keys';
import { MAX_MODEL_DIM, type ModelParameters, type ParameterSpec } from './model-parameters';

/** The fields of a GPT-2 config (Hugging Face `GPT2Config` names) that shape its parameters. */
export interface Gpt2Config {
  readonly n_layer: number;
  readonly n_head: number;
  readonly n_embd: number;
  readonly vocab_size: number;
  readonly n_positions: number;
  /** MLP width; default 4 · n_embd. */
  readonly n_inner?: number | null;
  /** Std of the normal weights; default 0.02. */
  readonly initializer_range?: number;
}

const USED = ['n_layer', 'n_head', 'n_embd', 'vocab_size', 'n_positions', 'n_inner', 'initializer_range'];
/** Keys of a Hugging Face GPT-2 config.json that do not change the parameters or their initialization. */
const IGNORED = [
  'model_type',
  'architectures',
  'activation_function',
  'attn_pdrop',
  'embd_pdrop',
  'resid_pdrop',
  'summary_activation',
  'summary_first_dropout',
  'summary_proj_to_labels',
  'summary_type',
  'summary_use_proj',
  'layer_norm_epsilon',
  'n_ctx',
  'bos_token_id',
  'eos_token_id',
  'task_specific_params',
  'torch_dtype',
  'transformers_version',
  'use_cache',
  'scale_attn_weights',
  'scale_attn_by_inverse_layer_idx',
  'reorder_and_upcast_attn',
  'tie_word_embeddings',
  '_name_or_path',
  'gradient_checkpointing',
  'output_past',
  'id2label',
  'label2id',
  // GPT-2's wte has no padding row, so a pad token id changes nothing.
  'pad_token_id',
];

function std(value: unknown, argument: string): number {
  if (value === undefined) return 0.02;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e6) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      argument,
      `must be a finite number in [0, 1e6], got ${JSON.stringify(value)?.slice(0, 40)}`,
    );
  }
  return value;
}

/**
 * Every parameter of Hugging Face's `GPT2LMHeadModel` for a config, with the initialization of its
 * `_init_weights` (the same as nanoGPT's), in state-dict order.
 *
 * Formula: wte `[vocab_size, n_embd]` and wpe `[n_positions, n_embd]` ~ N(0, r²); per block h.N: ln_1 and ln_2
 * (weight 1, bias 0), attn.c_attn `[n_embd, 3·n_embd]`, attn.c_proj `[n_embd, n_embd]`, mlp.c_fc
 * `[n_embd, n_inner]`, mlp.c_proj `[n_inner, n_embd]` (Conv1D weights are stored `[in, out]`), weights
 * ~ N(0, r²) except both c_proj ~ N(0, (r / sqrt(2·n_layer))²), biases 0; then ln_f. r = initializer_range
 * (0.02). The output head lm_head.weight is tied to wte and, as in Hugging Face's safetensors files, not stored.
 * Names carry the `transformer.` prefix of `GPT2LMHeadModel.save_pretrained`.
 *
 * @param config - `n_layer`, `n_head`, `n_embd`, `vocab_size`, `n_positions`; optional `n_inner`,
 *   `initializer_range`; other keys of a Hugging Face config.json that do not change the weights are ignored
 * @returns the parameters, the tied head and notes
 * @throws {AdvisorError} `INVALID_ARGUMENT` for a missing, non-integer or unknown key (with "did you mean"), or
 *   n_embd not divisible by n_head; `TOO_LARGE` for a dimension over 2^31
 * @example
 * ```ts
 * const m = gpt2Parameters({ n_layer: 2, n_head: 2, n_embd: 8, vocab_size: 50, n_positions: 16 });
 * [m.parameters.length, m.parameters[4].name, m.parameters[4].shape]; // => [28, 'transformer.h.0.attn.c_attn.weight', [8, 24]]
 * ```
 */
export function gpt2Parameters(config: Gpt2Config): ModelParameters {
  const arg = 'config';
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      arg,
      'must be a GPT-2 config object { n_layer, n_head, n_embd, vocab_size, n_positions }',
    );
  }
  checkKeys(config as unknown as Record<string, unknown>, USED, IGNORED, arg);
  const layers = positiveInt(config.n_layer, `${arg}.n_layer`, 100_000);
  const heads = positiveInt(config.n_head, `${arg}.n_head`, MAX_MODEL_DIM);
  const embd = positiveInt(config.n_embd, `${arg}.n_embd`, MAX_MODEL_DIM);
  const vocab = positiveInt(config.vocab_size, `${arg}.vocab_size`, MAX_MODEL_DIM);
  const positions = positiveInt(config.n_positions, `${arg}.n_positions`, MAX_MODEL_DIM);
  const inner = positiveInt(config.n_inner ?? undefined, `${arg}.n_inner`, MAX_MODEL_DIM, 4 * embd);
  const r = std(config.initializer_range, `${arg}.initializer_range`);
  if (embd % heads !== 0) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      `${arg}.n_embd`,
      `${embd} is not divisible by n_head = ${heads}`,
    );
  }
  const normal = { name: 'normal', std: r };
  const residual = { name: 'normal', std: r / Math.sqrt(2 * layers) };
  const ones = { name: 'ones' };
  const zeros = { name: 'zeros' };
  const p: ParameterSpec[] = [
    { name: 'transformer.wte.weight', shape: [vocab, embd], init: normal },
    { name: 'transformer.wpe.weight', shape: [positions, embd], init: normal },
  ];
  const conv1d = (prefix: string, inF: number, outF: number, init: typeof normal): void => {
    p.push({ name: `${prefix}.weight`, shape: [inF, outF], init, layout: 'keras' });
    p.push({ name: `${prefix}.bias`, shape: [outF], init: zeros });
  };
  for (let i = 0; i < layers; i++) {
    const h = `transformer.h.${i}`;
    p.push(
      { name: `${h}.ln_1.weight`, shape: [embd], init: ones },
      { name: `${h}.ln_1.bias`, shape: [embd], init: zeros },
    );
    conv1d(`${h}.attn.c_attn`, embd, 3 * embd, normal);
    conv1d(`${h}.attn.c_proj`, embd, embd, residual);
    p.push(
      { name: `${h}.ln_2.weight`, shape: [embd], init: ones },
      { name: `${h}.ln_2.bias`, shape: [embd], init: zeros },
    );
    conv1d(`${h}.mlp.c_fc`, embd, inner, normal);
    conv1d(`${h}.mlp.c_proj`, inner, embd, residual);
  }
  p.push(
    { name: 'transformer.ln_f.weight', shape: [embd], init: ones },
    { name: 'transformer.ln_f.bias', shape: [embd], init: zeros },
  );
  return {
    source: 'gpt2',
    parameters: p,
    tied: [{ name: 'lm_head.weight', to: 'transformer.wte.weight' }],
    notes: [
      `GPT2LMHeadModel as Hugging Face initializes it: N(0, ${r}^2) embeddings and Conv1D weights ([in, out]), c_proj N(0, (${r}/sqrt(${2 * layers}))^2), zero biases, LayerNorm 1/0`,
      'lm_head.weight is tied to transformer.wte.weight and not stored (as in Hugging Face safetensors files)',
    ],
  };
}
