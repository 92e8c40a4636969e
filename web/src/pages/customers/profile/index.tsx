import { ArrowLeftOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Result, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { storePath } from '../../../app/sections';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useCustomer, useReveal } from '../api';
import { customerName, customerPath } from '../labels';
import type { CustomerProfile, Revealed } from '../types';
import { AfterSalesCard } from './components/AfterSalesCard';
import { ContactForm } from './components/ContactForm';
import { CustomerTimeline } from './components/CustomerTimeline';
import { EditDrawer } from './components/EditDrawer';
import { EraseButton } from './components/EraseButton';
import { MergeModal } from './components/MergeModal';
import { PredictionCard } from './components/PredictionCard';
import { ProfileDetails } from './components/ProfileDetails';
import { ProfileHeader } from './components/ProfileHeader';
import { TierCard } from './components/TierCard';

/** One customer, 360°: figures, details, preferences, consent, the history, and follow-ups. */
export default function CustomerProfilePage() {
  const { customerId } = useParams();
  const id = Number(customerId);
  // Keyed by customer: revealed details and open dialogs belong to the customer they were opened for.
  return Number.isInteger(id) && id > 0 ? <Profile key={id} customerId={id} /> : <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  const store = useStore();
  return (
    <Card>
      <Result
        status="404"
        title={t('customers.profile.notFound')}
        extra={
          <Link to={storePath(store.id, 'customers')}>
            <Button>{t('customers.profile.back')}</Button>
          </Link>
        }
      />
    </Card>
  );
}

function Profile({ customerId }: { readonly customerId: number }) {
  const { t } = useTranslation();
  const store = useStore();
  const customer = useCustomer(store.id, customerId);
  const back = (
    <Link to={storePath(store.id, 'customers')} style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('customers.profile.back')}
    </Link>
  );

  if (customer.isPending)
    return (
      <>
        {back}
        <Card aria-busy="true">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  if (customer.isError) {
    if (isApiError(customer.error) && customer.error.status === 404) return <NotFound />;
    return (
      <>
        {back}
        <Card>
          <LoadError
            title={t('customers.profile.loadFailed')}
            error={customer.error}
            onRetry={() => void customer.refetch()}
          />
        </Card>
      </>
    );
  }
  return (
    <>
      {back}
      <ProfileBody profile={customer.data} />
    </>
  );
}

function ProfileBody({ profile }: { readonly profile: CustomerProfile }) {
  const { t } = useTranslation();
  const store = useStore();
  const notifyError = useNotifyError();
  const reveal = useReveal(store.id, profile.id);
  // The full values belong to the profile as it was when revealed: after an edit they are stale,
  // and the masked profile shows until they are asked for again.
  const [shown, setRevealed] = useState<{ readonly at: number; readonly values: Revealed } | undefined>();
  const revealed = shown?.at === profile.updatedAt ? shown.values : undefined;
  const [editing, setEditing] = useState(false);
  // Each opening of the editor is a fresh form: a form instance that outlives its fields keeps
  // emptied preference rows from the last opening instead of the profile's.
  const [editSession, setEditSession] = useState(0);
  const startEditing = () => {
    setEditSession((session) => session + 1);
    setEditing(true);
  };
  const [merging, setMerging] = useState(false);
  const active = !profile.erased && profile.mergedIntoId === null;
  const mayWrite = can(store.role, 'customers.write') && active;
  const mayErase = can(store.role, 'customers.erase') && active;

  const askReveal = () =>
    reveal.mutate(undefined, {
      onSuccess: (values) => setRevealed({ at: profile.updatedAt, values }),
      onError: notifyError,
    });

  return (
    <>
      <PageHeader
        title={customerName(profile, t)}
        // The customer key tells records apart when it is not the nickname already in the title.
        subtitle={
          profile.customerKey === profile.nick ? `#${profile.id}` : `#${profile.id} · ${profile.customerKey}`
        }
        extra={
          <>
            {mayWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={startEditing}>
                {t('customers.profile.edit')}
              </Button>
            )}
            {mayWrite && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                {t('customers.profile.merge')}
              </Button>
            )}
            {mayErase && <EraseButton profile={profile} />}
          </>
        }
      />
      {profile.erased && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.profile.erasedNotice')}
          style={{ marginBottom: 16 }}
        />
      )}
      {profile.mergedIntoId !== null && (
        <Alert
          type="info"
          showIcon
          title={t('customers.profile.mergedNotice')}
          action={
            <Link to={customerPath(store.id, profile.mergedIntoId)}>{t('customers.profile.openMerged')}</Link>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {!can(store.role, 'customers.write') && (
        <Alert
          type="info"
          showIcon
          title={t('customers.profile.readOnly', { role: t(`roles.${store.role}`) })}
          style={{ marginBottom: 16 }}
        />
      )}
      <ProfileHeader profile={profile} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <PredictionCard prediction={profile.prediction} />
            <TierCard customerId={profile.id} />
            <ProfileDetails
              profile={profile}
              revealed={revealed}
              onReveal={askReveal}
              revealing={reveal.isPending}
            />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          {can(store.role, 'contacts.write') && active && <ContactForm customerId={profile.id} />}
          <AfterSalesCard customerId={profile.id} mayWrite={can(store.role, 'after_sales.write') && active} />
          <CustomerTimeline customerId={profile.id} />
        </Col>
      </Row>
      {mayWrite && (
        <>
          <EditDrawer
            key={editSession}
            open={editing}
            profile={profile}
            revealed={revealed}
            onClose={() => setEditing(false)}
          />
          <MergeModal open={merging} profile={profile} onClose={() => setMerging(false)} />
        </>
      )}
    </>
  );
}
