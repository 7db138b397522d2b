import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run';
import { AdvisorError } from './errors';
import { recommend } from './recommend';
import { matchUseCase, stem, USE_CASE_ROWS } from './use-case';

const PARAPHRASES: Record<string, string[]> = {
  digit_recognition: [
    'handwritten digit recognition',
    'Handwriting digit recognition (MNIST)',
    'MNIST classifier',
    'recognize hand-written numerals on scanned forms',
    'reading handwritten zip codes',
  ],
  chatbot_memory: [
    'chatbot with memory',
    'Chatbot memory (RNN/LSTM)',
    'a conversational assistant that remembers context',
    'dialogue system with an LSTM',
    'customer support chat bot that keeps the conversation history',
  ],
  movie_recommender: [
    'movie recommender system',
    'recommend films to users',
    'Netflix-style recommendations',
    'suggest movies from user ratings',
  ],
  iot_face_detection: [
    'face detection on a low-power chip',
    'IoT face detection on low power chip',
    'detect faces on an embedded device',
    'facial detection on a microcontroller',
    'face detector for a battery powered doorbell camera',
  ],
  selu_stock_prediction: [
    'stock prediction with SELU',
    'Stock prediction with SELU nets',
    'financial time series forecasting',
    'predict share prices with a self-normalizing network',
    'stock market trend forecaster',
  ],
  voice_commands: [
    'voice command recognition',
    'speech commands',
    'wake word detection on audio',
    'keyword spotting on a smart speaker',
    'recognizing spoken instructions',
  ],
};

describe('matchUseCase', () => {
  it('has one paraphrase list per row of the source table', () => {
    expect(USE_CASE_ROWS).toHaveLength(6);
    expect(Object.keys(PARAPHRASES)).toHaveLength(6);
  });
  for (const [preset, descriptions] of Object.entries(PARAPHRASES)) {
    for (const description of descriptions) {
      it(`'${description}' is the ${preset} row`, () => {
        const m = matchUseCase(description);
        expect(m.preset).toBe(preset);
        expect(m.words.length).toBeGreaterThan(0);
        // Every matched word comes from the description itself.
        for (const w of m.words) expect(description.toLowerCase().replace(/-/g, ' ')).toContain(w);
        expect(m.score).toBeGreaterThanOrEqual(3);
      });
    }
  }
  it('says which words matched, phrases included', () => {
    const m = matchUseCase('face detection on a low-power chip');
    expect(m.row).toBe('IoT face detection on low power chip');
    expect(m.words).toEqual(['face', 'detection', 'low power', 'chip']);
    expect(matchUseCase('stock prediction with SELU').words).toEqual(['stock', 'prediction', 'selu']);
  });
  it('stems plurals and verb endings lightly', () => {
    expect(stem('faces')).toBe('face');
    expect(stem('chips')).toBe('chip');
    expect(stem('predicting')).toBe('predict');
    expect(stem('recommendations')).toBe('recommendation');
    expect(stem('class')).toBe('class');
  });
  const unmatched = ['weather', 'protein folding', 'recognition', 'a b c', 'detection', 'the of and'];
  for (const description of unmatched) {
    it(`'${description}' matches no row and the error lists rows`, () => {
      try {
        matchUseCase(description);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe('UNSUPPORTED');
        expect((e as AdvisorError).argument).toBe('useCase');
        expect((e as AdvisorError).message).toMatch(/closest rows: '|the rows are '/);
      }
    });
  }
  it('rejects non-strings, empty and oversized text with INVALID_ARGUMENT', () => {
    for (const bad of ['', '   ', 'x'.repeat(1001), 42, null, 3n, Object.create(null)]) {
      try {
        matchUseCase(bad as never);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AdvisorError);
        expect((e as AdvisorError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

describe('recommend({ useCase })', () => {
  it('applies the matched preset and reports the row and words', () => {
    const r = recommend({ useCase: 'face detection on a low-power chip', width: 64 });
    expect(r.scheme.name).toBe('sparse');
    expect(r.useCase?.preset).toBe('iot_face_detection');
    expect(r.ruleIds[0]).toBe('preset-iot-face-detection');
    expect(r.assumptions[0]).toMatch(
      /matched the row 'IoT face detection on low power chip'.*'low power', 'chip'/,
    );
    expect(recommend({ useCase: 'stock prediction with SELU' }).scheme.name).toBe('lecun_normal');
  });
  it('throws for an unmatched description and for useCase together with preset', () => {
    expect(() => recommend({ useCase: 'weather' })).toThrow(AdvisorError);
    try {
      recommend({ useCase: 'speech commands', preset: 'voice_commands' });
      expect.unreachable();
    } catch (e) {
      expect((e as AdvisorError).argument).toBe('useCase');
    }
  });
});

describe('init-advisor recommend --use-case', () => {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  it('matches in-process and as a process; an unmatched description exits 2 with the closest rows', () => {
    const ok = runCli(['recommend', '--use-case', 'stock prediction with SELU']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^Use case: +'Stock prediction with SELU nets' \(preset selu_stock_prediction\), matched on 'stock', 'prediction', 'selu'$/m,
    );
    const p = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'recommend', '--use-case', 'weather forecast for farmers'],
      { cwd: packageDir, encoding: 'utf8', timeout: 30_000 },
    );
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(
      /closest rows: 'Stock prediction with SELU nets' \(selu_stock_prediction, score 1 on forecast\)/,
    );
    const json = runCli(['recommend', '--use-case', 'IoT face detection', '--json']);
    expect(JSON.parse(json.stdout).result.useCase.words).toEqual(['iot', 'face', 'detection']);
  });
});
