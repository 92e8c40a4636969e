import { useEffect } from 'react';
import { Outlet } from 'react-router';
import { NotFoundPage } from '../pages/not-found';
import { rememberStore } from '../session/last-store';
import { useCurrentStore } from '../session/use-session';

/** Renders the store's pages when the URL names a store of the user's; remembers it for next time. */
export function StoreGate() {
  const store = useCurrentStore();
  useEffect(() => {
    if (store) rememberStore(store.id);
  }, [store]);
  if (!store) return <NotFoundPage standalone />;
  return <Outlet />;
}
