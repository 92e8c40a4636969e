import { Alert, Progress } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useJob } from '../../import/api';
import { jobErrorText } from '../../import/labels';

interface RefreshProgressProps {
  readonly jobId: number;
  /** Called once when the job has succeeded: the page asks for the new snapshots. */
  readonly onSucceeded: () => void;
  readonly onClose: () => void;
}

/** The refresh job's progress, asked for every second until it ends. */
export function RefreshProgress({ jobId, onSucceeded, onClose }: RefreshProgressProps) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const job = useJob(store.id, jobId);
  const state = job.data?.state;
  // Once per job: the reload it starts re-renders this, and must not start another.
  const reported = useRef(false);
  useEffect(() => {
    if (state !== 'succeeded' || reported.current) return;
    reported.current = true;
    onSucceeded();
  }, [state, onSucceeded]);

  if (job.isError) {
    const text = errorText(job.error, t, language);
    return (
      <Alert type="warning" showIcon title={text.title} description={text.detail} closable={{ onClose }} />
    );
  }
  if (state === 'failed' || state === 'cancelled') {
    const text = jobErrorText(job.data?.error ?? '', language);
    return (
      <Alert
        type="error"
        showIcon
        title={t('analytics.refreshFailed')}
        description={[text.title, text.detail].filter(Boolean).join(' · ')}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (state === 'succeeded') {
    return (
      <Alert
        type="success"
        showIcon
        title={t('analytics.refreshDone')}
        closable={{ onClose }}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <div style={{ marginBottom: 16 }}>
      <Progress
        percent={Math.floor((job.data?.progress ?? 0) * 100)}
        status="active"
        aria-label={t('analytics.refreshProgress')}
      />
    </div>
  );
}
