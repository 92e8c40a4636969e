import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { useParams } from 'react-router';
import type { StoreSummary } from '../api/types';
import { fetchMe, type Me, meQueryKey } from './api';
import { SessionContext } from './session-context';

/** The signed-in user and their stores, as the API answers; SessionGate waits for it. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 5 * 60_000 });
}

/** Inside SessionGate the session is loaded; this reads it without a loading state. */
export function useSession(): Me {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside SessionGate');
  return session;
}

/** The store named by the URL (/stores/:storeId/…), if the user is a member of it. */
export function useCurrentStore(): StoreSummary | undefined {
  const { stores } = useSession();
  const { storeId } = useParams();
  return stores.find((store) => String(store.id) === storeId);
}

/** Like useCurrentStore, for pages that StoreGate only renders when the store exists. */
export function useStore(): StoreSummary {
  const store = useCurrentStore();
  if (!store) throw new Error('useStore is used outside StoreGate');
  return store;
}
