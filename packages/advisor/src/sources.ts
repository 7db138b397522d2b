/** A reference behind a rule: what it is, and what it supports. */
export interface Source {
  readonly title: string;
  readonly detail: string;
}

/** Keys of {@link SOURCES}. */
export type SourceId =
  | 'seed'
  | 'glorot2010'
  | 'he2015'
  | 'lecun1998'
  | 'klambauer2017'
  | 'pytorchSeluGain'
  | 'saxe2013'
  | 'jozefowicz2015'
  | 'tallec2018'
  | 'le2015'
  | 'zhang2019'
  | 'de2020'
  | 'goyal2017'
  | 'radford2019'
  | 'huang2020'
  | 'nguyen2019'
  | 'xiao2018'
  | 'martens2010'
  | 'poole2016'
  | 'schoenholz2017';

/**
 * The references the rules cite, by key.
 *
 * @example
 * ```ts
 * SOURCES.he2015.title.startsWith('He, Zhang'); // => true
 * ```
 */
export const SOURCES: Readonly<Record<SourceId, Source>> = {
  seed: {
    title: 'Weight Initialization Techniques and Applicability (project source document)',
    detail: 'The tables by activation, by network type and by use case that the base rules reproduce.',
  },
  glorot2010: {
    title: 'Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward neural networks',
    detail:
      'Variance 2/(fan_in + fan_out) balances forward activations and backward gradients for near-linear units.',
  },
  he2015: {
    title: 'He, Zhang, Ren & Sun 2015, Delving Deep into Rectifiers (arXiv:1502.01852)',
    detail: 'ReLU passes half the second moment, so variance 2/fan_in keeps it constant with depth.',
  },
  lecun1998: {
    title: 'LeCun, Bottou, Orr & Müller 1998, Efficient BackProp',
    detail: 'Variance 1/fan_in keeps unit-variance inputs at unit variance through a linear map.',
  },
  klambauer2017: {
    title:
      'Klambauer, Unterthiner, Mayr & Hochreiter 2017, Self-Normalizing Neural Networks (arXiv:1706.02515)',
    detail:
      'SELU constants make (mean 0, variance 1) an attracting fixed point when weights have variance 1/fan_in.',
  },
  pytorchSeluGain: {
    title: 'PyTorch torch.nn.init.calculate_gain documentation (selu entry)',
    detail:
      "Returns 3/4 for 'selu', an empirical choice for gradient stability; the docs say to use 'linear' for self-normalization.",
  },
  saxe2013: {
    title:
      'Saxe, McClelland & Ganguli 2013, Exact solutions to the nonlinear dynamics of learning in deep linear networks (arXiv:1312.6120)',
    detail:
      'Orthogonal matrices keep every singular value at 1, so depth neither shrinks nor amplifies any direction.',
  },
  jozefowicz2015: {
    title:
      'Jozefowicz, Zaremba & Sutskever 2015, An Empirical Exploration of Recurrent Network Architectures (ICML)',
    detail:
      'A forget-gate bias of 1 makes an LSTM keep its state by default and closes most of the gap to GRUs.',
  },
  tallec2018: {
    title: 'Tallec & Ollivier 2018, Can Recurrent Neural Networks Warp Time? (arXiv:1804.11188)',
    detail: 'Chrono initialization sets gate biases from the expected range of temporal dependencies.',
  },
  le2015: {
    title:
      'Le, Jaitly & Hinton 2015, A Simple Way to Initialize Recurrent Networks of Rectified Linear Units (arXiv:1504.00941)',
    detail: 'IRNN: identity recurrent matrix and zero biases for ReLU RNNs.',
  },
  zhang2019: {
    title: 'Zhang, Dauphin & Ma 2019, Fixup Initialization (arXiv:1901.09321)',
    detail:
      'Without normalization, zero the last layer of each branch and scale the others by L^(-1/(2m-2)).',
  },
  de2020: {
    title:
      'De & Smith 2020, Batch Normalization Biases Residual Blocks Towards the Identity (arXiv:2002.10444)',
    detail:
      'SkipInit: a scalar gate per branch starting at 0 makes every block the identity at initialization.',
  },
  goyal2017: {
    title: 'Goyal et al. 2017, Accurate, Large Minibatch SGD (arXiv:1706.02677)',
    detail:
      'Setting the last BatchNorm scale of every residual block to 0 starts each block as the identity.',
  },
  radford2019: {
    title:
      'Radford et al. 2019, Language Models are Unsupervised Multitask Learners (GPT-2 report) and its public implementations',
    detail:
      'Weights N(0, 0.02^2); residual output projections scaled by 1/sqrt(2N) for N blocks with two residual additions each.',
  },
  huang2020: {
    title:
      'Huang, Perez, Ba & Volkovs 2020, Improving Transformer Optimization Through Better Initialization (ICML)',
    detail: 'T-Fixup: depth-dependent scaling that lets Transformers train without LayerNorm and warmup.',
  },
  nguyen2019: {
    title: 'Nguyen & Salazar 2019, Transformers without Tears (arXiv:1910.05895)',
    detail: 'A width-aware small initialization for Transformer weights.',
  },
  xiao2018: {
    title:
      'Xiao, Bahri, Sohl-Dickstein, Schoenholz & Pennington 2018, Dynamical Isometry and a Mean Field Theory of CNNs (arXiv:1806.05393)',
    detail: 'Delta-orthogonal kernels at the critical point train plain CNNs with thousands of layers.',
  },
  martens2010: {
    title: 'Martens 2010, Deep learning via Hessian-free optimization (ICML)',
    detail: 'Sparse initialization: each unit starts with only a few non-zero incoming weights.',
  },
  poole2016: {
    title:
      'Poole, Lahiri, Raghu, Sohl-Dickstein & Ganguli 2016, Exponential expressivity in deep neural networks through transient chaos (arXiv:1606.05340)',
    detail: 'The variance map, its fixed point q* and chi_1 that separates the ordered and chaotic phases.',
  },
  schoenholz2017: {
    title:
      'Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, Deep Information Propagation (arXiv:1611.01232)',
    detail:
      'Depth scales diverge at the edge of chaos; networks train when depth stays within a few depth scales.',
  },
};
