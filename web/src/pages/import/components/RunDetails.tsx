import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Col, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { rejectionsCsvUrl, useImportRun } from '../api';
import { reasonText, rejectionDetail } from '../labels';
import type { ImportRun, Rejection, RunDetail } from '../types';

const BAR_COLOUR = '#ffc069';

/** Rejected rows by reason, as labelled bars with counts and what to do about each. */
function ReasonList({ detail }: { readonly detail: RunDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const reasons = Object.entries(detail.rejectionsByCode).sort(([, a], [, b]) => b - a);
  const most = reasons[0]?.[1] ?? 1;
  return (
    <>
      <Typography.Text strong>{t('import.run.byReason')}</Typography.Text>
      <Flex
        vertical
        gap={10}
        component="ul"
        aria-label={t('import.run.byReason')}
        style={{ margin: '8px 0 0', padding: 0, listStyle: 'none' }}
      >
        {reasons.map(([code, rows]) => {
          const reason = reasonText(code, t);
          return (
            <li key={code}>
              <Flex justify="space-between" align="baseline" gap={8}>
                <Typography.Text>{reason.title}</Typography.Text>
                <Typography.Text strong>
                  {t('import.run.rows', { count: rows, n: formatCount(rows, language) })}
                </Typography.Text>
              </Flex>
              <div style={{ height: 4, borderRadius: 2, background: '#f5f5f5', margin: '3px 0' }}>
                <div
                  style={{
                    height: 4,
                    borderRadius: 2,
                    background: BAR_COLOUR,
                    width: `${Math.max(4, (rows / most) * 100)}%`,
                  }}
                />
              </div>
              {reason.hint && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {reason.hint}
                </Typography.Text>
              )}
            </li>
          );
        })}
      </Flex>
    </>
  );
}

function RejectedRows({ detail }: { readonly detail: RunDetail }) {
  const { t } = useTranslation();
  const store = useStore();
  return (
    <>
      <Flex justify="space-between" align="baseline" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('import.run.firstRows', { n: detail.rejections.length })}</Typography.Text>
        <Typography.Link href={rejectionsCsvUrl(store.id, detail.id)} download>
          <DownloadOutlined /> {t('import.run.download')}
        </Typography.Link>
      </Flex>
      <Table<Rejection>
        rowKey="line"
        size="small"
        dataSource={[...detail.rejections]}
        pagination={
          detail.rejections.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false
        }
        columns={[
          { key: 'line', title: t('import.run.line'), width: 72, render: (_, row) => row.line },
          {
            key: 'reason',
            title: t('import.run.reason'),
            width: 150,
            render: (_, row) => <Tag color="orange">{reasonText(row.code, t).title}</Tag>,
          },
          {
            key: 'detail',
            title: t('import.run.detail'),
            render: (_, row) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {rejectionDetail(row.message)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

/** One run opened in the history: why it failed, or which rows were refused and why. */
export function RunDetails({ run }: { readonly run: ImportRun }) {
  const { t } = useTranslation();
  const store = useStore();
  const detail = useImportRun(store.id, run);
  return (
    <Flex vertical gap={12} style={{ padding: '4px 8px 8px' }}>
      {run.status === 'failed' && run.error && (
        <Alert type="error" showIcon title={t('import.run.failed')} description={run.error} />
      )}
      {detail.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {detail.isError && (
        <LoadError
          title={t('import.run.loadFailed')}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {detail.data &&
        (detail.data.rejections.length === 0 ? (
          run.status === 'succeeded' && (
            <Typography.Text type="secondary">{t('import.run.noRejections')}</Typography.Text>
          )
        ) : (
          <Row gutter={[32, 16]}>
            <Col xs={24} lg={9}>
              <ReasonList detail={detail.data} />
            </Col>
            <Col xs={24} lg={15}>
              <RejectedRows detail={detail.data} />
            </Col>
          </Row>
        ))}
    </Flex>
  );
}
