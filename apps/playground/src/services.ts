/** The two app-wide services, provided to every component: the URL-backed store and the worker client. */
import { type App, type InjectionKey, inject } from 'vue';
import { createStore, type Store } from './state/store';
import { WorkerClient } from './worker/client';

const STORE: InjectionKey<Store> = Symbol('store');
const CLIENT: InjectionKey<WorkerClient> = Symbol('client');

export function provideServices(app: App): void {
  const worker = new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module' });
  app.provide(STORE, createStore());
  app.provide(CLIENT, new WorkerClient(worker));
}

export function useStore(): Store {
  const s = inject(STORE);
  if (s === undefined) throw new Error('the store is not provided');
  return s;
}

export function useClient(): WorkerClient {
  const c = inject(CLIENT);
  if (c === undefined) throw new Error('the worker client is not provided');
  return c;
}
