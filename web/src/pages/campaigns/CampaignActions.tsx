import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../components/use-notify-error';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';
import { type CampaignAction, useCampaignMutations } from './api';
import { actionPermission, actionsByStatus } from './labels';
import type { Campaign } from './types';

/** The buttons a campaign's status allows, for the roles that may press them. */
export function CampaignActions({
  campaign,
  onDone,
}: {
  readonly campaign: Campaign;
  readonly onDone?: (c: Campaign) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { act } = useCampaignMutations(store.id);
  const run = (action: CampaignAction) =>
    act.mutate(
      { id: campaign.id, action },
      {
        onSuccess: (next) => {
          void message.success(t('campaigns.actions.done'));
          onDone?.(next);
        },
        onError: notifyError,
      },
    );
  const actions = actionsByStatus[campaign.status].filter((action) =>
    can(store.role, actionPermission[action]),
  );
  return (
    <Space>
      {actions.map((action) =>
        action === 'cancel' ? (
          <Popconfirm key={action} title={t('campaigns.actions.cancelConfirm')} onConfirm={() => run(action)}>
            <Button size="small" danger loading={act.isPending}>
              {t('campaigns.actions.cancel')}
            </Button>
          </Popconfirm>
        ) : (
          <Button
            key={action}
            size="small"
            type={action === 'send' || action === 'approve' ? 'primary' : 'default'}
            loading={act.isPending}
            onClick={() => run(action)}
          >
            {t(`campaigns.actions.${action}`)}
          </Button>
        ),
      )}
    </Space>
  );
}
