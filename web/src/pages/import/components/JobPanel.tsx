import { CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Progress, type ProgressProps, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-text';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useJob } from '../api';
import { attributeResultOf, importResultOf, jobErrorText, jobNote } from '../labels';
import type { JobState, UploadAnswer } from '../types';
import { AttributeResult, ImportResult } from './ImportResult';

const progressStatus: Record<JobState, ProgressProps['status']> = {
  queued: 'active',
  running: 'active',
  succeeded: 'success',
  failed: 'exception',
  cancelled: 'normal',
};

interface JobPanelProps {
  readonly job: UploadAnswer;
  readonly onShowRun: (runId: number) => void;
  readonly onDismiss: () => void;
  /** Called when the job's state changes, to refresh what depends on it (the history). */
  readonly onChange: () => void;
}

/** An upload's import job: progress while it runs (asked every second), then each file's result. */
export function JobPanel({ job, onShowRun, onDismiss, onChange }: JobPanelProps) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const query = useJob(store.id, job.jobId);
  const state = query.data?.state;
  useEffect(() => {
    if (state) onChange();
  }, [state, onChange]);

  const close = (
    <Button
      type="text"
      size="small"
      icon={<CloseOutlined />}
      aria-label={t('import.job.dismiss')}
      onClick={onDismiss}
    />
  );
  const frame = (children: ReactNode) => (
    <section
      aria-label={t('import.job.title')}
      style={{
        marginTop: 16,
        padding: '12px 16px 16px',
        background: '#fafbfc',
        border: '1px solid #eef0f3',
        borderRadius: 8,
      }}
    >
      {children}
    </section>
  );

  if (query.isError) {
    const lost = isApiError(query.error) && query.error.code === 'job.not_found';
    const text = errorText(query.error, t, language);
    return frame(
      <Alert
        type="warning"
        showIcon
        title={lost ? t('import.job.lost') : text.title}
        description={lost ? undefined : text.detail}
        action={close}
      />,
    );
  }
  const current = query.data;
  const finished =
    current?.state === 'succeeded' || current?.state === 'failed' || current?.state === 'cancelled';
  const result = current?.state === 'succeeded' ? importResultOf(current.result) : undefined;
  const attributes =
    current?.state === 'succeeded' && !result ? attributeResultOf(current.result) : undefined;
  const note = current && !finished ? jobNote(current.note, t, language) : undefined;
  const percent = current?.state === 'succeeded' ? 100 : Math.floor((current?.progress ?? 0) * 100);

  return frame(
    <>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t(`import.job.${current?.state ?? 'queued'}`)}</Typography.Text>
        {close}
      </Flex>
      {job.files.length > 1 && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('import.job.order', { files: job.files.join(' → ') })}
        </Typography.Text>
      )}
      <Progress
        percent={percent}
        status={progressStatus[current?.state ?? 'queued']}
        aria-label={t('import.job.title')}
        style={{ margin: '6px 0 0' }}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {note}
        </Typography.Text>
      )}
      {current?.state === 'queued' && current.attempts > 0 && current.error && (
        <Alert
          type="warning"
          showIcon
          title={t('import.job.retrying', { n: current.attempts })}
          description={current.error}
          style={{ marginTop: 8 }}
        />
      )}
      {!finished && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('import.job.background')}
        </Typography.Paragraph>
      )}
      {current?.state === 'failed' && current.error && (
        <Alert
          type="error"
          showIcon
          title={jobErrorText(current.error, language).title}
          description={jobErrorText(current.error, language).detail || undefined}
          style={{ marginTop: 12 }}
        />
      )}
      {current?.state === 'succeeded' &&
        (result ? (
          <ImportResult result={result} onShowRun={onShowRun} />
        ) : attributes ? (
          <AttributeResult result={attributes} onShowRun={onShowRun} />
        ) : (
          <Alert type="info" showIcon title={t('import.job.unknownResult')} style={{ marginTop: 12 }} />
        ))}
    </>,
  );
}
