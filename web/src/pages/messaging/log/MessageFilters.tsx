import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessageFilter } from '../api';
import { useMessagingLabels } from '../components/labels-hook';
import { channelList, statusList } from '../labels';
import type { Channel, MessageStatus } from '../types';

interface FilterValues {
  status?: MessageStatus | null;
  channel?: Channel | null;
  source?: string;
  customerId?: number | null;
}

/** The message log's filters: status, channel, source and customer. */
export function MessageFilters({
  filter,
  onApply,
}: {
  readonly filter: MessageFilter;
  readonly onApply: (filter: MessageFilter) => void;
}) {
  const { t } = useTranslation();
  const labels = useMessagingLabels();
  const apply = (values: FilterValues) =>
    onApply({
      status: values.status ?? undefined,
      channel: values.channel ?? undefined,
      source: values.source?.trim() || undefined,
      customerId: values.customerId ?? undefined,
    });
  return (
    <Form<FilterValues>
      layout="inline"
      initialValues={filter}
      onFinish={apply}
      style={{ rowGap: 8, marginBottom: 12 }}
    >
      <Form.Item name="status" label={t('messaging.log.filters.status')}>
        <Select
          allowClear
          placeholder={t('messaging.log.filters.allStatuses')}
          style={{ width: 130 }}
          options={statusList.map((status) => ({ value: status, label: labels.status(status) }))}
        />
      </Form.Item>
      <Form.Item name="channel" label={t('messaging.log.filters.channel')}>
        <Select
          allowClear
          placeholder={t('messaging.log.filters.allChannels')}
          style={{ width: 140 }}
          options={channelList.map((channel) => ({ value: channel, label: labels.channel(channel) }))}
        />
      </Form.Item>
      <Form.Item name="source" label={t('messaging.log.filters.source')}>
        <Input allowClear placeholder={t('messaging.log.filters.sourcePlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="customerId" label={t('messaging.log.filters.customerId')}>
        <InputNumber min={1} precision={0} style={{ width: 120 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('messaging.log.filters.apply')}
        </Button>
      </Form.Item>
    </Form>
  );
}
