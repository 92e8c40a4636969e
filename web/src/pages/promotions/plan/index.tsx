import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { storePath } from '../../../app/sections';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { usePlan } from '../api';
import { ReviewTab } from '../review/ReviewTab';
import { PhasesTab } from './PhasesTab';
import { PlanNav, type PlanView } from './PlanNav';
import { ProgressTab } from './ProgressTab';
import { TargetsTab } from './TargetsTab';

/** A promotion plan: its phases and tasks, targets and live progress, each a tab with its address. */
export default function PlanPage({ view }: { readonly view: PlanView }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const planId = Number(useParams().planId);
  const plan = usePlan(store.id, planId);
  const editable = can(store.role, 'promotions.manage');
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(storePath(store.id, 'promotions'))}>
      {t('promotions.plan.back')}
    </Button>
  );

  if (plan.isError)
    return (
      <>
        <PageHeader title={t('promotions.calendar.title')} extra={back} />
        <Card>
          <LoadError
            title={t('promotions.plan.loadFailed')}
            error={plan.error}
            onRetry={() => void plan.refetch()}
          />
        </Card>
      </>
    );
  if (!plan.data) return <FullPageSpin />;
  const p = plan.data;
  const first = p.phases[0];
  const last = p.phases.at(-1);
  return (
    <>
      <PageHeader
        title={t('promotions.plan.title', {
          event: language === 'en' ? p.eventName.en : p.eventName.zh,
          year: p.year,
        })}
        subtitle={
          first && last
            ? t('promotions.plan.subtitle', {
                from: formatDayKey(first.from, language),
                to: formatDayKey(last.to, language),
              })
            : undefined
        }
        extra={back}
      />
      <PlanNav planId={planId} active={view} />
      {!editable && (
        <Alert type="info" showIcon title={t('promotions.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {view === 'phases' && <PhasesTab plan={p} editable={editable} />}
      {view === 'targets' && <TargetsTab plan={p} editable={editable} />}
      {view === 'progress' && <ProgressTab plan={p} />}
      {view === 'review' && <ReviewTab plan={p} />}
    </>
  );
}
