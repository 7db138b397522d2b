/**
 * The app's single reactive state, kept in sync with the URL hash: read on load and on `hashchange`,
 * written back (debounced, with `history.replaceState`, so sliders do not flood the history).
 */
import { reactive, ref, watch } from 'vue';
import { type AppState, defaultState, type StateKey } from './schema';
import { parseHash, serializeState } from './url-state';

export interface Store {
  readonly state: AppState;
  readonly hidden: { value: ReadonlySet<StateKey> };
  readonly notices: { value: readonly string[] };
  /** Replaces the notices (e.g. "loaded the advisor's answer"). */
  notify(text: string): void;
  dismissNotices(): void;
}

export function createStore(win: Window = window): Store {
  const state = reactive(defaultState()) as AppState;
  const hidden = ref<ReadonlySet<StateKey>>(new Set());
  const notices = ref<readonly string[]>([]);
  let writing = false;

  const load = (): void => {
    const parsed = parseHash(win.location.hash);
    writing = true;
    Object.assign(state, parsed.state);
    hidden.value = parsed.hidden;
    notices.value = parsed.notices;
    writing = false;
  };
  load();
  // An ignored hash is rewritten at once, so the hostile text does not stay in the address bar.
  if (notices.value.length > 0) win.history.replaceState(null, '', `#${serializeState(state, hidden.value)}`);
  win.addEventListener('hashchange', load);

  let timer: ReturnType<typeof setTimeout> | undefined;
  watch(
    () => ({ ...state }),
    () => {
      if (writing) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        win.history.replaceState(null, '', `#${serializeState(state, hidden.value)}`);
      }, 120);
    },
    { deep: true },
  );

  return {
    state,
    hidden,
    notices,
    notify(text) {
      notices.value = [text];
    },
    dismissNotices() {
      notices.value = [];
    },
  };
}
