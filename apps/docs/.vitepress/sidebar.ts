import type { DefaultTheme } from 'vitepress';

/** The hand-written pages, in reading order. */
export const guideSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Start',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Why initialization matters', link: '/guide/why-initialization' },
    ],
  },
  {
    text: 'Choosing',
    items: [
      { text: 'Decision guide', link: '/guide/decision-guide' },
      { text: 'Use cases', link: '/guide/use-cases' },
      { text: 'All schemes', link: '/schemes/' },
    ],
  },
  {
    text: 'Going deeper',
    items: [
      { text: 'Theory', link: '/guide/theory' },
      { text: 'Checkpoints', link: '/guide/checkpoints' },
      { text: 'The init-advisor CLI', link: '/guide/cli' },
      { text: 'The playground', link: '/guide/playground' },
    ],
  },
  {
    text: 'Project',
    items: [
      { text: 'Contributing', link: '/guide/contributing' },
      { text: 'Benchmarks', link: '/guide/benchmarks' },
      { text: 'API reference', link: '/api/' },
    ],
  },
];

/** One page per scheme family; every registry name appears on one of them (a test checks this). */
export const SCHEME_PAGES = [
  { text: 'Zeros, ones, constant', link: '/schemes/zeros' },
  { text: 'Random: uniform, normal, truncated', link: '/schemes/random' },
  { text: 'Xavier (Glorot)', link: '/schemes/xavier' },
  { text: 'He (Kaiming)', link: '/schemes/he' },
  { text: 'LeCun', link: '/schemes/lecun' },
  { text: 'Variance scaling', link: '/schemes/variance-scaling' },
  { text: 'Orthogonal', link: '/schemes/orthogonal' },
  { text: 'Delta-orthogonal', link: '/schemes/delta-orthogonal' },
  { text: 'Identity, Dirac, ZerO', link: '/schemes/identity' },
  { text: 'Sparse', link: '/schemes/sparse' },
  { text: 'Recurrent', link: '/schemes/recurrent' },
  { text: 'Residual scalings', link: '/schemes/residual' },
] as const;

export const schemeSidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Schemes', items: [{ text: 'Overview', link: '/schemes/' }, ...SCHEME_PAGES] },
  { text: 'Back to the guide', items: guideSidebar.flatMap((g) => g.items ?? []).slice(0, 4) },
];
