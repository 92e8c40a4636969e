import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSignOut } from '../layout/use-sign-out';
import { pickStartStore } from '../session/last-store';
import { useSession } from '../session/use-session';
import { storePath } from './sections';

/** `/`: the Overview of the store last opened here, or a word on how to get a store. */
export function StartPage() {
  const { stores } = useSession();
  const { t } = useTranslation();
  const signOut = useSignOut();
  const store = pickStartStore(stores);
  if (store) return <Navigate to={storePath(store.id)} replace />;
  return (
    <Result
      status="info"
      title={t('noStores.title')}
      subTitle={t('noStores.description')}
      extra={
        <Button type="primary" onClick={signOut.run} loading={signOut.pending}>
          {t('noStores.signOut')}
        </Button>
      }
      style={{ paddingTop: 120 }}
    />
  );
}
