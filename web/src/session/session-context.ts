import { createContext } from 'react';
import type { Me } from './api';

/**
 * The signed-in session, provided by SessionGate only while it is known. Pages read it from here
 * rather than from the query cache, so clearing the cache on sign-out cannot pull it from under
 * a page that is still on screen.
 */
export const SessionContext = createContext<Me | undefined>(undefined);
