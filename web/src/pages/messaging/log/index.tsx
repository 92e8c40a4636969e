import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { type MessageFilter, messagesExportUrl, messagingKeys, useMessages } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { MessagesNav } from '../components/MessagesNav';
import { isChannel, isStatus } from '../labels';
import { MessageFilters } from './MessageFilters';
import { MessageTable } from './MessageTable';
import { SummaryPanel } from './SummaryPanel';

// The filters live in the address, so a reload or a shared link shows the same messages.
function readFilter(params: URLSearchParams): MessageFilter {
  const status = params.get('status');
  const channel = params.get('channel');
  const customerId = Number(params.get('customerId'));
  return {
    status: isStatus(status) ? status : undefined,
    channel: isChannel(channel) ? channel : undefined,
    source: params.get('source') || undefined,
    customerId: Number.isInteger(customerId) && customerId > 0 ? customerId : undefined,
  };
}

function writeFilter(filter: MessageFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) search.set(key, String(value));
  return search;
}

/** 发送记录: the figures of the last 30 days and every message, filtered, a page at a time. */
export default function MessageLogPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readFilter(params), [params]);
  const messages = useMessages(store.id, filter);
  const client = useQueryClient();
  // Messages change state as the dispatcher works: a refresh asks again for figures and log.
  const refresh = () => void client.invalidateQueries({ queryKey: messagingKeys.all(store.id) });
  const rows = useMemo(() => messages.data?.pages.flatMap((page) => page.items) ?? [], [messages.data]);

  return (
    <>
      <PageHeader
        title={t('messaging.title')}
        subtitle={t('messaging.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={refresh}>
              {t('common.refresh')}
            </Button>
            <ExportButtons href={(format) => messagesExportUrl(store.id, format, filter)} />
          </>
        }
      />
      <MessagesNav active="log" />
      <SummaryPanel />
      <Card>
        <MessageFilters
          key={params.toString()}
          filter={filter}
          onApply={(next) => setParams(writeFilter(next), { replace: true })}
        />
        {messages.isError ? (
          <LoadError
            title={t('messaging.log.loadFailed')}
            error={messages.error}
            onRetry={() => void messages.refetch()}
          />
        ) : (
          <>
            <MessageTable messages={rows} loading={messages.isFetching && !messages.isFetchingNextPage} />
            <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">
                {t('messaging.log.shown', { n: formatCount(rows.length, language) })}
              </Typography.Text>
              {messages.hasNextPage ? (
                <Button loading={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                rows.length > 0 && <Typography.Text type="secondary">{t('common.allLoaded')}</Typography.Text>
              )}
            </Flex>
          </>
        )}
      </Card>
    </>
  );
}
