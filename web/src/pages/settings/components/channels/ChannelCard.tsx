import { Button, Card, Descriptions, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import type { Channel, ChannelView } from '../../../messaging/types';
import { isProvider } from './provider-fields';

interface ChannelCardProps {
  readonly channel: Channel;
  readonly view: ChannelView | undefined;
  readonly onEdit: () => void;
  readonly onRemove: () => void;
}

/** One channel: set up or not, its provider, masked keys and the addresses for the provider's console. */
export function ChannelCard({ channel, view, onEdit, onRemove }: ChannelCardProps) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const name = t(`messaging.channels.${channel}`);
  const state = !view ? (
    <Tag>{t('messaging.settings.notConfigured')}</Tag>
  ) : view.enabled ? (
    <Tag color="green">{t('messaging.settings.configured')}</Tag>
  ) : (
    <Tag color="orange">{t('messaging.settings.disabled')}</Tag>
  );
  const copyable = { tooltips: [t('messaging.settings.copy'), t('messaging.settings.copied')] };
  const hook = (url: string | null) =>
    url === null ? null : (
      <Typography.Text
        copyable={{ ...copyable, text: url }}
        style={{ wordBreak: 'break-all', fontSize: 12 }}
        code
      >
        {url}
      </Typography.Text>
    );
  const secrets = view ? Object.entries(view.secrets) : [];

  return (
    <Card
      size="small"
      role="region"
      aria-label={name}
      title={
        <Flex gap={8} align="center">
          {name} {state}
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Button size="small" type={view ? 'default' : 'primary'} onClick={onEdit}>
            {view ? t('messaging.settings.edit') : t('messaging.settings.setUp')}
          </Button>
          {view && (
            <Popconfirm
              title={t('messaging.settings.removeConfirm', { channel: name })}
              description={t('messaging.settings.removeDescription')}
              okButtonProps={{ danger: true }}
              okText={t('messaging.settings.remove')}
              cancelText={t('common.cancel')}
              onConfirm={onRemove}
            >
              <Button size="small" danger>
                {t('messaging.settings.remove')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
      style={{ height: '100%' }}
    >
      {view ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'provider',
              label: t('messaging.settings.provider'),
              children: isProvider(view.provider)
                ? t(`messaging.settings.providers.${view.provider}`)
                : view.provider,
            },
            ...(secrets.length > 0
              ? [
                  {
                    key: 'secrets',
                    label: t('messaging.settings.secrets'),
                    children: (
                      <Flex vertical>
                        {secrets.map(([field, masked]) => (
                          <Typography.Text key={field} style={{ fontSize: 12 }}>
                            {field}: <Typography.Text code>{masked}</Typography.Text>
                          </Typography.Text>
                        ))}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...(view.hooks.report
              ? [
                  {
                    key: 'report',
                    label: t('messaging.settings.reportHook'),
                    children: hook(view.hooks.report),
                  },
                ]
              : []),
            ...(view.hooks.reply
              ? [{ key: 'reply', label: t('messaging.settings.replyHook'), children: hook(view.hooks.reply) }]
              : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('messaging.settings.notConfigured')}</Typography.Text>
      )}
      {view && (view.hooks.report || view.hooks.reply) && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {t('messaging.settings.hooksHint')}
        </Typography.Paragraph>
      )}
      {view && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('messaging.settings.updated', {
            by: view.updatedBy,
            time: formatInstant(view.updatedAt, store.timeZone, language),
          })}
        </Typography.Text>
      )}
    </Card>
  );
}
