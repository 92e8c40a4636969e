import type { StoreSummary } from '../api/types';

// The store last opened in this browser, so signing in lands where the operator left off.
const STORAGE_KEY = 'laoke.lastStoreId';

export function rememberStore(storeId: number): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(storeId));
  } catch {
    // Storage disabled: the first store will do next time.
  }
}

/** The remembered store if the user still has it, else their first store. */
export function pickStartStore(stores: readonly StoreSummary[]): StoreSummary | undefined {
  let remembered: number | undefined;
  try {
    remembered = Number(localStorage.getItem(STORAGE_KEY));
  } catch {
    remembered = undefined;
  }
  return stores.find((store) => store.id === remembered) ?? stores[0];
}
