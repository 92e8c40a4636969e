import { Alert, App, Col, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../../components/LoadError';
import { useNotifyError } from '../../../../components/use-notify-error';
import { useStore } from '../../../../session/use-session';
import { useChannelMutations, useChannels } from '../../../messaging/api';
import { channelList } from '../../../messaging/labels';
import type { Channel } from '../../../messaging/types';
import { ChannelCard } from './ChannelCard';
import { ChannelForm } from './ChannelForm';
import { type ChannelFormValues, toChannelInput } from './provider-fields';

/** 消息渠道: one card per channel, each set up with its provider. Owners only. */
export function ChannelsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const channels = useChannels(store.id);
  const { save, remove } = useChannelMutations(store.id);
  const [editing, setEditing] = useState<Channel | undefined>();

  if (channels.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (channels.isError)
    return (
      <LoadError
        title={t('messaging.settings.loadFailed')}
        error={channels.error}
        onRetry={() => void channels.refetch()}
      />
    );

  const viewOf = (channel: Channel) => channels.data.channels.find((view) => view.channel === channel);
  const name = (channel: Channel) => t(`messaging.channels.${channel}`);
  const submit = (values: ChannelFormValues) => {
    if (!editing) return;
    const channel = editing;
    save.mutate(
      { channel, settings: toChannelInput(channel, values), enabled: values.enabled },
      {
        onSuccess: () => {
          void message.success(t('messaging.settings.saved', { channel: name(channel) }));
          setEditing(undefined);
        },
        onError: notifyError,
      },
    );
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('messaging.settings.intro')}</Typography.Paragraph>
      {!channels.data.secretKeySet && (
        <Alert
          type="warning"
          showIcon
          title={t('messaging.settings.noSecretKey')}
          description={t('messaging.settings.noSecretKeyHint')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        {channelList.map((channel) => (
          <Col key={channel} xs={24} lg={12} xxl={8}>
            <ChannelCard
              channel={channel}
              view={viewOf(channel)}
              onEdit={() => setEditing(channel)}
              onRemove={() =>
                remove.mutate(channel, {
                  onSuccess: () =>
                    void message.success(t('messaging.settings.removed', { channel: name(channel) })),
                  onError: notifyError,
                })
              }
            />
          </Col>
        ))}
      </Row>
      <ChannelForm
        channel={editing}
        view={editing ? viewOf(editing) : undefined}
        saving={save.isPending}
        onSave={submit}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}
