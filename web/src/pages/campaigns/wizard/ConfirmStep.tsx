import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney, formatShare } from '../../../format/number';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useLiveCount } from '../../audiences/api';
import type { AudienceDefinition } from '../../audiences/types';
import { usePreview, useTemplates } from '../../messaging/api';
import { useMessagingLabels } from '../../messaging/components/labels-hook';
import { useCampaignSettings } from '../api';

import type { WizardState } from '.';

/** What will be sent, to how many, and what the SMS will cost (parts × messaged members × price). */
export function ConfirmStep(props: {
  readonly state: WizardState;
  readonly definition: AudienceDefinition;
  readonly templateId: number;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const labels = useMessagingLabels();
  const count = useLiveCount(store.id, props.definition);
  const template = useTemplates(store.id).data?.find((candidate) => candidate.id === props.templateId);
  const preview = usePreview(
    store.id,
    template && {
      channel: template.channel,
      class: template.class,
      subject: template.subject,
      body: template.body,
    },
  );
  const price = useCampaignSettings(store.id).data?.smsPriceFen;
  const { state } = props;
  const members = count.data?.count;
  const share = state.controlPercent / 100;
  const parts = preview.data?.sms?.parts;
  const cost =
    members !== undefined && parts !== undefined && price !== undefined
      ? Math.round(members * (1 - share) * parts * price)
      : undefined;
  const schedule = state.schedule;
  const when =
    schedule.kind === 'now'
      ? t('campaigns.wizard.now')
      : schedule.kind === 'at'
        ? formatInstant(schedule.at, store.timeZone, language)
        : `${formatInstant(schedule.from, store.timeZone, language)} – ${formatInstant(schedule.to, store.timeZone, language)}`;
  return (
    <Descriptions bordered column={1} size="small" style={{ maxWidth: 720 }}>
      <Descriptions.Item label={t('campaigns.wizard.name')}>{state.name}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.wizard.template')}>
        {template ? `${template.name} · ${labels.channel(template.channel)}` : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.wizard.schedule')}>{when}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.wizard.controlShare')}>
        {formatShare(share, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.wizard.estimated')}>
        <span data-testid="estimated-members">
          {members === undefined ? '…' : formatCount(members, language)}
        </span>
      </Descriptions.Item>
      {parts !== undefined && (
        <Descriptions.Item label={t('campaigns.wizard.smsParts')}>
          {formatCount(parts, language)}
        </Descriptions.Item>
      )}
      {cost !== undefined && (
        <Descriptions.Item label={t('campaigns.wizard.cost')}>
          {formatMoney(cost, store.currency, language)}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
