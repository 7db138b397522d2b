import type { Layer } from './layer';

/**
 * Called by containers after each child's forward pass (`phase 'forward'`, `values` the child's
 * output) and backward pass (`phase 'backward'`, `values` the gradient with respect to the child's
 * input), for statistics and non-finite detection. Never called when none is set.
 */
export type LayerObserver = (
  layer: Layer,
  values: Float32Array,
  batch: number,
  phase: 'forward' | 'backward',
) => void;

/** A layer that runs children and can report each child's activations and gradients. */
export interface Container extends Layer {
  /** Sets (or clears, with `undefined`) the observer of this container and of nested containers. */
  setObserver(observer: LayerObserver | undefined): void;
}

/** Whether `layer` is a {@link Container}. */
export function isContainer(layer: Layer): layer is Container {
  return typeof (layer as Partial<Container>).setObserver === 'function';
}

/** Joins a parent path and a child name with a dot (`'' + 'fc'` → `'fc'`). */
export function joinPath(parent: string, child: string): string {
  return parent === '' ? child : child === '' ? parent : `${parent}.${child}`;
}

/** Every leaf layer under `layer` (depth first, in forward order), `layer` itself if it is a leaf. */
export function leafLayers(layer: Layer): Layer[] {
  const out: Layer[] = [];
  const walk = (l: Layer) => {
    const c = l.children();
    if (c.length === 0) out.push(l);
    else for (const k of c) walk(k);
  };
  walk(layer);
  return out;
}
