import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { isApiError, onUnauthorized } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';
import { LoadError } from '../components/LoadError';
import { currentLanguage, languages, setLanguage } from '../i18n';
import { SessionContext } from '../session/session-context';
import { useMe } from '../session/use-session';

/** Renders its routes once the session is known; without one, sends the visitor to sign in. */
export function SessionGate() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();

  // Any request answering 401 means the session ended (expired, signed out elsewhere). The cache
  // is cleared by the next sign-in, not here: pages still on screen must not lose their data.
  useEffect(
    () =>
      onUnauthorized(() => {
        const { pathname, search } = window.location;
        if (pathname !== '/login') navigate('/login', { replace: true, state: { from: pathname + search } });
      }),
    [navigate],
  );

  // The language saved with the account wins once signed in: it follows the user between browsers.
  const accountLanguage = me.data?.user.locale;
  useEffect(() => {
    const language = languages.find((candidate) => candidate === accountLanguage);
    if (language && language !== currentLanguage()) void setLanguage(language);
  }, [accountLanguage]);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
    }
    return <LoadError error={me.error} onRetry={() => void me.refetch()} fullPage />;
  }
  return (
    <SessionContext value={me.data}>
      <Outlet />
    </SessionContext>
  );
}
