import { Dense, LSTM, Model, type Parameter, SimpleRNN } from '@init/nn';
import { createRng } from '@init/rng';
import { fromConfig, lstmForgetBias, type SchemeConfig } from '@init/schemes';

/** The recurrent architectures of the recurrent-memory experiment. */
export type RecurrentArch = 'rnn' | 'lstm';

/** The recurrent-weight starts compared: W_hh only; everything else is the same for all. */
export type RecurrentInit = 'orthogonal' | 'identity' | 'normal' | 'xavier';

/** The pair of models trained together: the recurrent layer and a Dense head applied to each output row. */
export interface SequenceModel {
  readonly rnn: Model;
  readonly head: Model;
  readonly parameters: readonly Parameter[];
  readonly hidden: number;
}

/** Options of {@link sequenceModel}. */
export interface SequenceModelOptions {
  readonly arch: RecurrentArch;
  readonly init: RecurrentInit;
  readonly hidden: number;
  /** Time steps and features of one input sequence. */
  readonly steps: number;
  readonly features: number;
  readonly outputs: number;
  /** Whether the head reads every step (copy task) or the last one (adding problem). */
  readonly everyStep: boolean;
  readonly seed: number;
}

/**
 * The SimpleRNN's nonlinearity for a start: ReLU for the identity start (IRNN, Le, Jaitly and Hinton 2015),
 * tanh for the others.
 */
export function rnnNonlinearity(init: RecurrentInit): 'tanh' | 'relu' {
  return init === 'identity' ? 'relu' : 'tanh';
}

/** The scheme written into `weight_hh` for a start, one block per gate where the scheme has blocks. */
export function recurrentScheme(init: RecurrentInit, gateOrder: readonly string[]): SchemeConfig {
  switch (init) {
    case 'orthogonal':
      return { name: 'rnn_orthogonal', gate_order: [...gateOrder] };
    case 'identity':
      return { name: 'rnn_identity', gate_order: [...gateOrder] };
    case 'normal':
      return { name: 'normal', std: 0.01 };
    case 'xavier':
      return { name: 'xavier_uniform' };
  }
}

function parameterOf(model: Model, localName: string): Parameter {
  const p = model.parameters().find((q) => q.localName === localName);
  if (p === undefined) throw new Error(`no parameter ${localName}`);
  return p;
}

/**
 * A recurrent layer and its head: `weight_ih` and the head's weight Xavier uniform, biases 0, `weight_hh` from
 * {@link recurrentScheme} (drawn from the stream the model would use for it, `createRng(seed).fork(name)`);
 * an LSTM's forget-gate bias (rows H..2H−1 of `bias_ih`) is 1 for every start.
 */
export function sequenceModel(o: SequenceModelOptions): SequenceModel {
  const layer =
    o.arch === 'rnn'
      ? new SimpleRNN({
          hiddenSize: o.hidden,
          nonlinearity: rnnNonlinearity(o.init),
          returnSequences: o.everyStep,
        })
      : new LSTM({ hiddenSize: o.hidden, returnSequences: o.everyStep });
  const rnn = new Model([layer], {
    inputShape: [o.steps, o.features],
    init: 'xavier_uniform',
    seed: o.seed,
  });
  const whh = parameterOf(rnn, 'weight_hh');
  fromConfig(recurrentScheme(o.init, layer.gateOrder)).fill(
    whh.value,
    whh.shape,
    createRng(o.seed).fork(whh.name),
  );
  if (o.arch === 'lstm') {
    const b = parameterOf(rnn, 'bias_ih');
    lstmForgetBias({ value: 1, gateOrder: layer.gateOrder }).fill(b.value, b.shape);
  }
  const head = new Model([new Dense({ units: o.outputs })], {
    inputShape: [o.hidden],
    init: 'xavier_uniform',
    seed: o.seed,
  });
  return { rnn, head, parameters: [...rnn.parameters(), ...head.parameters()], hidden: o.hidden };
}
