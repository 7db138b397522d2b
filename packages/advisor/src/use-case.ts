import type { PresetName } from './context';
import { AdvisorError } from './errors';
import { valueText } from './value-text';

/** Which row of the source document's use-case table a description matched, and why. */
export interface UseCaseMatch {
  /** The preset of that row. */
  readonly preset: PresetName;
  /** The row's use case as the source document writes it. */
  readonly row: string;
  /** The initialization the document pairs with it. */
  readonly documentChoice: string;
  /** The words of the description that matched the row (as written, in order). */
  readonly words: readonly string[];
  /** Sum of the weights of the row's concepts that were found. */
  readonly score: number;
}

interface Concept {
  /** Weight of the concept for the row: 3 names the use case, 1 only hints at it. */
  readonly weight: number;
  /** Words (stemmed on load) and two-word phrases that mean the concept. */
  readonly terms: readonly string[];
}

interface Row {
  readonly preset: PresetName;
  readonly row: string;
  readonly documentChoice: string;
  readonly concepts: readonly Concept[];
}

const IMAGE: Concept = {
  weight: 1,
  terms: ['image', 'picture', 'photo', 'pixel', 'vision', 'camera', 'visual', 'cnn', 'convolutional'],
};
const RECOGNITION: Concept = {
  weight: 1,
  terms: ['recognition', 'recognize', 'recognise', 'classify', 'classifier', 'classification', 'identify'],
};

/** The "Real-World Example Use Cases" table of the source document, with the words that mean each row. */
const ROWS: readonly Row[] = [
  {
    preset: 'digit_recognition',
    row: 'Handwriting digit recognition (MNIST)',
    documentChoice: 'He',
    concepts: [
      {
        weight: 3,
        terms: [
          'digit',
          'mnist',
          'handwriting',
          'handwritten',
          'hand written',
          'hand writing',
          'numeral',
          'ocr',
          'zip code',
        ],
      },
      { weight: 1, terms: ['number', 'character', 'letter', 'scan', 'check', 'cheque'] },
      RECOGNITION,
      IMAGE,
    ],
  },
  {
    preset: 'chatbot_memory',
    row: 'Chatbot memory (RNN/LSTM)',
    documentChoice: 'Orthogonal',
    concepts: [
      {
        weight: 3,
        terms: [
          'chatbot',
          'chat',
          'bot',
          'conversation',
          'conversational',
          'dialog',
          'dialogue',
          'assistant',
          'chat bot',
        ],
      },
      { weight: 2, terms: ['memory', 'remember', 'context', 'history', 'lstm'] },
      {
        weight: 1,
        terms: ['rnn', 'recurrent', 'text', 'language', 'nlp', 'message', 'reply', 'turn', 'sequence'],
      },
    ],
  },
  {
    preset: 'movie_recommender',
    row: 'Movie recommender system',
    documentChoice: 'Xavier',
    concepts: [
      {
        weight: 3,
        terms: [
          'recommender',
          'recommend',
          'recommendation',
          'suggest',
          'suggestion',
          'collaborative filtering',
        ],
      },
      { weight: 3, terms: ['movie', 'film', 'netflix', 'cinema', 'tv show'] },
      { weight: 1, terms: ['user', 'rating', 'item', 'product', 'preference', 'taste', 'watch', 'video'] },
    ],
  },
  {
    preset: 'iot_face_detection',
    row: 'IoT face detection on low power chip',
    documentChoice: 'Sparse',
    concepts: [
      { weight: 3, terms: ['face', 'facial'] },
      {
        weight: 3,
        terms: [
          'iot',
          'edge',
          'embedded',
          'microcontroller',
          'mcu',
          'low power',
          'low memory',
          'battery',
          'wearable',
          'mobile',
          'phone',
          'smartphone',
          'raspberry',
          'arduino',
          'tinyml',
          'on device',
        ],
      },
      { weight: 1.5, terms: ['chip', 'device', 'hardware', 'sensor', 'doorbell', 'fpga'] },
      {
        weight: 1,
        terms: [
          'detection',
          'detect',
          'detector',
          'lightweight',
          'tiny',
          'fast inference',
          'efficient',
          'security',
        ],
      },
      IMAGE,
    ],
  },
  {
    preset: 'selu_stock_prediction',
    row: 'Stock prediction with SELU nets',
    documentChoice: 'LeCun',
    concepts: [
      {
        weight: 3,
        terms: [
          'stock',
          'share price',
          'equity',
          'trading',
          'trader',
          'market',
          'finance',
          'financial',
          'fintech',
          'portfolio',
          'crypto',
          'forex',
        ],
      },
      { weight: 3, terms: ['selu', 'self normalizing', 'self normalising', 'snn'] },
      { weight: 2, terms: ['time series', 'timeseries', 'price'] },
      {
        weight: 1,
        terms: ['prediction', 'predict', 'forecast', 'forecasting', 'predictor', 'trend', 'regression'],
      },
    ],
  },
  {
    preset: 'voice_commands',
    row: 'Voice command recognition',
    documentChoice: 'Orthogonal or He',
    concepts: [
      {
        weight: 3,
        terms: [
          'voice',
          'speech',
          'spoken',
          'audio',
          'sound',
          'microphone',
          'utterance',
          'speaker',
          'smart speaker',
        ],
      },
      { weight: 3, terms: ['command', 'keyword', 'hotword', 'wake word', 'wakeword', 'instruction'] },
      { weight: 1, terms: ['gru', 'frame', 'spectrogram', 'mfcc'] },
      RECOGNITION,
    ],
  },
];

/** Words that carry no meaning for the match. */
const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'on',
  'in',
  'for',
  'with',
  'to',
  'and',
  'or',
  'by',
  'at',
  'from',
  'using',
  'use',
  'my',
  'our',
  'that',
  'which',
  'is',
  'are',
  'be',
  'it',
  'its',
  'as',
  'into',
  'model',
  'network',
  'net',
  'system',
  'neural',
  'app',
  'application',
  'task',
  'project',
  'based',
]);

/** Light stemming: plural and a few verb endings, so that 'faces', 'chips' and 'predicting' meet their terms. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

interface Token {
  readonly text: string;
  readonly stem: string;
}

/** Lowercase word tokens (letters and digits), each with its stem; at most 200 are read. */
function tokenize(text: string): Token[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, 200).map((w) => ({ text: w, stem: stem(w) }));
}

/** Term (a stem, or two stems joined by a space) -> the concepts it belongs to, per row. */
const TERM_INDEX: ReadonlyMap<string, readonly { row: number; concept: number }[]> = (() => {
  const index = new Map<string, { row: number; concept: number }[]>();
  ROWS.forEach((r, row) => {
    r.concepts.forEach((c, concept) => {
      for (const term of c.terms) {
        const key = term.split(' ').map(stem).join(' ');
        const list = index.get(key) ?? [];
        list.push({ row, concept });
        index.set(key, list);
      }
    });
  });
  return index;
})();

interface Scored {
  readonly row: Row;
  readonly score: number;
  readonly words: string[];
}

function scoreRows(tokens: readonly Token[]): Scored[] {
  const concepts = ROWS.map(() => new Set<number>());
  const words = ROWS.map(() => [] as string[]);
  /** Records a term for every row it belongs to; true when it belongs to at least one. */
  const note = (key: string, text: string): boolean => {
    const hits = TERM_INDEX.get(key) ?? [];
    for (const { row, concept } of hits) {
      concepts[row]!.add(concept);
      if (!words[row]!.includes(text)) words[row]!.push(text);
    }
    return hits.length > 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // A two-word phrase ('low power', 'time series', 'wake word') is read as one term.
    if (next !== undefined && note(`${t.stem} ${next.stem}`, `${t.text} ${next.text}`)) {
      i++;
      continue;
    }
    if (!STOP.has(t.text)) note(t.stem, t.text);
  }
  return ROWS.map((row, i) => {
    let score = 0;
    for (const concept of concepts[i]!) score += row.concepts[concept]!.weight;
    return { row, score, words: words[i]! };
  }).sort((a, b) => b.score - a.score);
}

/** The closest rows for an error message: those that share a word with the description, else all. */
function closestRows(ranked: readonly Scored[]): string {
  const sharing = ranked.filter((s) => s.score > 0).slice(0, 3);
  if (sharing.length === 0) {
    return `none shares a word with it; the rows are ${ROWS.map((r) => `'${r.row}' (${r.preset})`).join(', ')}`;
  }
  return `closest rows: ${sharing
    .map((s) => `'${s.row.row}' (${s.row.preset}, score ${s.score} on ${s.words.join(', ')})`)
    .join('; ')}`;
}

/** A row needs this score (one word that names the use case) and a clear lead over the next. */
const MIN_SCORE = 3;

/**
 * Finds the row of the source document's use-case table that a description in words means.
 *
 * The description is split into words, lightly stemmed ('faces' -> 'face') and looked up, with
 * two-word phrases ('low power', 'time series'), in each row's vocabulary of weighted concepts:
 * words that name the use case weigh 3 (face, iot, low-power, stock, selu, voice, command...),
 * words that only hint at it 1 to 2 (chip, device, detection, prediction, recognition...). Each
 * concept counts once. The best row must score at least 3 and more than the second.
 *
 * @param description - Free text such as `'stock prediction with SELU'`, at most 1000 characters.
 * @returns The matched row, its preset and the words it matched on.
 * @throws {AdvisorError} `INVALID_ARGUMENT` (argument `'useCase'`) for a non-string, an empty or a
 *   too long description; `UNSUPPORTED` when no row matches clearly, listing the closest rows.
 * @example
 * ```ts
 * matchUseCase('face detection on a low-power chip').preset; // => 'iot_face_detection'
 * matchUseCase('face detection on a low-power chip').words; // => ['face', 'detection', 'low power', 'chip']
 * ```
 */
export function matchUseCase(description: string): UseCaseMatch {
  if (typeof description !== 'string' || description.trim().length === 0 || description.length > 1000) {
    throw new AdvisorError(
      'INVALID_ARGUMENT',
      'useCase',
      `expected a description of the use case in words (1-1000 characters), got ${valueText(description)}`,
    );
  }
  const ranked = scoreRows(tokenize(description));
  const best = ranked[0]!;
  const second = ranked[1]!;
  if (best.score < MIN_SCORE || best.score === second.score) {
    throw new AdvisorError(
      'UNSUPPORTED',
      'useCase',
      `no use case of the source document matches ${valueText(description)} clearly (a row needs a score of at least ${MIN_SCORE} and a lead over the next); ${closestRows(ranked)}`,
    );
  }
  return {
    preset: best.row.preset,
    row: best.row.row,
    documentChoice: best.row.documentChoice,
    words: best.words,
    score: best.score,
  };
}

/**
 * The rows of the use-case table, in the source document's order.
 *
 * @example
 * ```ts
 * USE_CASE_ROWS[3]; // => 'IoT face detection on low power chip'
 * ```
 */
export const USE_CASE_ROWS: readonly string[] = ROWS.map((r) => r.row);
