import { describe, expect, it } from 'vitest';
import { Dense } from './dense';
import { GRU } from './gru';
import { advisorModel } from './init';
import { layerFromConfig } from './layer-registry';
import { LSTM } from './lstm';
import { SimpleRNN } from './rnn';
import { Sequential } from './sequential';

describe('recurrent layers in the registry and the advisor view', () => {
  it('rebuilds every recurrent kind from its config', () => {
    for (const layer of [
      new SimpleRNN({ hiddenSize: 4, nonlinearity: 'relu' }),
      new LSTM({ hiddenSize: 3, returnSequences: true }),
      new GRU({ hiddenSize: 2, bias: false }),
    ]) {
      const copy = layerFromConfig(layer.config());
      expect(copy.constructor).toBe(layer.constructor);
      expect(copy.config()).toEqual(layer.config());
    }
  });

  it('plans a ReLU SimpleRNN as relu, whatever layer follows it', () => {
    const model = new Sequential([
      new SimpleRNN({ hiddenSize: 4, nonlinearity: 'relu' }),
      new Dense({ units: 1 }),
    ]);
    model.build([5, 3], '');
    const [rnn] = advisorModel(model);
    expect(rnn?.kind).toBe('rnn');
    expect(rnn?.activation).toBe('relu');
  });
});
