/**
 * Play / pause / step / reset for a view that trains in the worker: while playing, one request of a
 * few steps follows the previous answer; a settings change resets the run (the worker sees a new
 * configuration), and leaving the view stops it.
 */
import { onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue';
import { CancelledError } from '../worker/client';

export interface Trainer<R> {
  readonly result: Ref<R | undefined>;
  readonly playing: Ref<boolean>;
  readonly busy: Ref<boolean>;
  readonly error: Ref<string | undefined>;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
}

export function useTrainer<R>(
  send: (steps: number, reset: boolean) => Promise<R>,
  settings: () => unknown,
  stepsPerRequest: () => number,
): Trainer<R> {
  const result = shallowRef<R>();
  const playing = ref(false);
  const busy = ref(false);
  const error = ref<string>();
  let alive = true;

  async function request(steps: number, reset: boolean): Promise<void> {
    busy.value = true;
    try {
      result.value = await send(steps, reset);
      error.value = undefined;
    } catch (e) {
      if (!(e instanceof CancelledError)) {
        error.value = (e as Error).message;
        playing.value = false;
      }
    } finally {
      busy.value = false;
    }
  }

  async function loop(): Promise<void> {
    while (playing.value && alive) {
      await request(stepsPerRequest(), false);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  watch(settings, () => void request(0, true), { deep: true, immediate: true });
  onBeforeUnmount(() => {
    alive = false;
    playing.value = false;
  });

  return {
    result,
    playing,
    busy,
    error,
    play() {
      if (playing.value) return;
      playing.value = true;
      void loop();
    },
    pause() {
      playing.value = false;
    },
    step() {
      if (!playing.value) void request(1, false);
    },
    reset() {
      playing.value = false;
      void request(0, true);
    },
  };
}
