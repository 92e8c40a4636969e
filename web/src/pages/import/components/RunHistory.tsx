import { CheckCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { formatCount } from '../../../format/number';
import { formatDuration, formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useImportRuns } from '../api';
import { encodingLabel, formatLabel } from '../labels';
import type { ImportRun, RunStatus } from '../types';
import { RunDetails } from './RunDetails';

const ATTRIBUTES_FORMAT = 'customer-attributes';

const statusTags: Record<RunStatus, { colour: string; icon: ReactNode }> = {
  running: { colour: 'processing', icon: <SyncOutlined spin /> },
  succeeded: { colour: 'success', icon: <CheckCircleOutlined /> },
  failed: { colour: 'error', icon: <CloseCircleOutlined /> },
};

interface RunHistoryProps {
  readonly expanded: readonly number[];
  readonly onExpandedChange: (runIds: readonly number[]) => void;
}

/** Every imported file, newest first, twenty at a time; a row opens to its rejected rows. */
export function RunHistory({ expanded, onExpandedChange }: RunHistoryProps) {
  const { t } = useTranslation();
  const store = useStore();
  const runs = useImportRuns(store.id);
  const language = currentLanguage();
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const count = (value: number) => formatCount(value, language);
  const numeric = (key: 'read' | 'inserted' | 'updated' | 'unchanged' | 'customers', title: string) => ({
    key,
    title,
    align: 'right' as const,
    width: 76,
    render: (_: unknown, run: ImportRun) => {
      // A customer-details run creates no orders or customers; what it updated are customers.
      if (run.format !== ATTRIBUTES_FORMAT) return count(run[key]);
      if (key === 'updated') return count(run.imported);
      if (key === 'inserted' || key === 'customers')
        return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
      return count(run[key]);
    },
  });

  if (runs.isError) return <LoadError error={runs.error} onRetry={() => void runs.refetch()} />;

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('import.history.intro')}
      </Typography.Paragraph>
      <Table<ImportRun>
        rowKey="id"
        size="middle"
        loading={runs.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('import.history.empty') }}
        scroll={{ x: 1060 }}
        expandable={{
          expandedRowKeys: [...expanded],
          onExpandedRowsChange: (keys) => onExpandedChange(keys.map(Number)),
          expandRowByClick: true,
          expandedRowRender: (run) => <RunDetails run={run} />,
        }}
        columns={[
          {
            key: 'file',
            title: t('import.history.file'),
            render: (_, run) => (
              <Flex vertical>
                <Typography.Text strong ellipsis style={{ maxWidth: 240 }}>
                  {run.fileName ?? t('import.history.unnamed')}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatLabel(run.format, t)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'status',
            title: t('import.history.status'),
            width: 104,
            render: (_, run) => (
              <Tag color={statusTags[run.status].colour} icon={statusTags[run.status].icon}>
                {t(`import.history.statuses.${run.status}`)}
              </Tag>
            ),
          },
          {
            key: 'startedAt',
            title: t('import.history.startedAt'),
            width: 150,
            render: (_, run) => formatInstant(run.startedAt, store.timeZone, language),
          },
          {
            key: 'duration',
            title: t('import.history.duration'),
            width: 100,
            render: (_, run) =>
              run.finishedAt === null ? (
                <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
              ) : (
                formatDuration(run.finishedAt - run.startedAt, language)
              ),
          },
          numeric('read', t('import.history.read')),
          numeric('inserted', t('import.history.inserted')),
          numeric('updated', t('import.history.updated')),
          numeric('unchanged', t('import.history.unchanged')),
          {
            key: 'rejected',
            title: t('import.history.rejected'),
            align: 'right',
            width: 76,
            render: (_, run) =>
              run.rejected > 0 ? (
                <Typography.Text type="warning" strong>
                  {count(run.rejected)}
                </Typography.Text>
              ) : (
                count(run.rejected)
              ),
          },
          numeric('customers', t('import.history.customers')),
          {
            key: 'encoding',
            title: t('import.history.encoding'),
            width: 96,
            render: (_, run) => encodingLabel(run.encoding, t),
          },
        ]}
      />
      {runs.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}
