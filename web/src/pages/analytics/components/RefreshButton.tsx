import { SyncOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnalyticsRefresh } from '../use-analytics-refresh';

/** Starts the analytics refresh; spins and waits while one runs. Nothing for roles without the right. */
export function RefreshButton({
  refresh,
  hint,
}: {
  readonly refresh: AnalyticsRefresh;
  readonly hint: string;
}) {
  const { t } = useTranslation();
  if (!refresh.allowed) return null;
  return (
    <Tooltip title={hint}>
      <Button
        type="primary"
        icon={<SyncOutlined spin={refresh.busy} />}
        disabled={refresh.busy}
        onClick={refresh.start}
      >
        {t('analytics.refresh')}
      </Button>
    </Tooltip>
  );
}
