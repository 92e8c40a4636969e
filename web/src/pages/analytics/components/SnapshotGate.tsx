import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import type { Snapshot } from '../types';

interface SnapshotGateProps<T> {
  readonly query: UseQueryResult<Snapshot<T>>;
  /** Shown when no refresh has computed this analysis yet. */
  readonly empty?: string;
  readonly children: (snapshot: T) => ReactNode;
}

/** One analysis's snapshot: a skeleton while it loads, the error, an empty note, or the tab. */
export function SnapshotGate<T>({ query, empty, children }: SnapshotGateProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (query.isError) {
    return (
      <Card>
        <LoadError
          title={t('analytics.loadFailed')}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </Card>
    );
  }
  if (query.data.snapshot === null) {
    return (
      <Card>
        <Empty description={empty ?? t('analytics.empty.title')} />
      </Card>
    );
  }
  return children(query.data.snapshot);
}
