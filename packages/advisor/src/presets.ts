import type { PresetName, RecommendContext } from './context';
import { AdvisorError } from './errors';
import { valueText } from './value-text';

/** A use case from the source document, as context defaults. */
export interface Preset {
  readonly name: PresetName;
  /** The use case in a few words. */
  readonly title: string;
  /** What the source document pairs with it. */
  readonly documentChoice: string;
  /** Context fields the preset fills in (the caller's own fields win). */
  readonly context: Omit<RecommendContext, 'preset' | 'considering'>;
  /** Why these defaults describe the use case. */
  readonly rationale: string;
}

/**
 * The six use cases of the source document, as context presets.
 *
 * @example
 * ```ts
 * PRESETS.map((p) => p.documentChoice)[3]; // => 'Sparse'
 * ```
 */
export const PRESETS: readonly Preset[] = [
  {
    name: 'digit_recognition',
    title: 'Handwritten digit recognition (MNIST-style)',
    documentChoice: 'He',
    context: { architecture: 'cnn', activation: 'relu' },
    rationale:
      'A convolutional network with ReLU units is the usual model for small grey-scale digit images.',
  },
  {
    name: 'chatbot_memory',
    title: 'Chatbot with conversational memory',
    documentChoice: 'Orthogonal',
    context: { architecture: 'lstm', activation: 'tanh' },
    rationale: 'Remembering earlier turns is the job of a gated recurrent network such as an LSTM.',
  },
  {
    name: 'movie_recommender',
    title: 'Movie recommender',
    documentChoice: 'Xavier',
    context: { architecture: 'mlp', activation: 'tanh' },
    rationale: 'A small dense network over user and item features with tanh/sigmoid units.',
  },
  {
    name: 'iot_face_detection',
    title: 'Face detection on a low-power IoT chip',
    documentChoice: 'Sparse',
    context: { architecture: 'cnn', activation: 'relu', target: 'edge' },
    rationale: 'A small ReLU CNN whose memory and compute budget is tight.',
  },
  {
    name: 'selu_stock_prediction',
    title: 'Stock prediction with a self-normalizing (SELU) network',
    documentChoice: 'LeCun',
    context: { architecture: 'mlp', activation: 'selu', normalization: 'none' },
    rationale: 'A dense SELU network that keeps its activations normalized without normalization layers.',
  },
  {
    name: 'voice_commands',
    title: 'Voice command recognition',
    documentChoice: 'Orthogonal or He',
    context: { architecture: 'gru', activation: 'relu' },
    rationale:
      'A recurrent core (GRU) that carries context across audio frames, fed by ReLU feature layers that need to converge fast.',
  },
];

/**
 * Names of every preset.
 *
 * @example
 * ```ts
 * PRESET_NAMES[0]; // => 'digit_recognition'
 * ```
 */
export const PRESET_NAMES: readonly PresetName[] = PRESETS.map((p) => p.name);

/**
 * Looks a preset up by name (case-insensitive; `-` and spaces read as `_`).
 *
 * @param name - One of {@link PRESET_NAMES}.
 * @returns The preset.
 * @throws {AdvisorError} `UNSUPPORTED` (argument `'preset'`) for an unknown name, listing the known ones.
 * @example
 * ```ts
 * getPreset('chatbot_memory').context.architecture; // => 'lstm'
 * ```
 */
export function getPreset(name: unknown): Preset {
  const key = typeof name === 'string' ? name.trim().toLowerCase().replace(/[-\s]/g, '_') : '';
  const preset = PRESETS.find((p) => p.name === key);
  if (!preset) {
    throw new AdvisorError(
      typeof name === 'string' ? 'UNSUPPORTED' : 'INVALID_ARGUMENT',
      'preset',
      `unknown preset ${valueText(name)}; allowed: ${PRESET_NAMES.join(', ')}`,
    );
  }
  return preset;
}
