import { useTranslation } from 'react-i18next';
import { isChannel, isStatus } from '../labels';

/** Channel and status names in the reader's language; a value the dashboard does not know shows as is. */
export function useMessagingLabels() {
  const { t } = useTranslation();
  return {
    channel: (channel: string) => (isChannel(channel) ? t(`messaging.channels.${channel}`) : channel),
    status: (status: string) => (isStatus(status) ? t(`messaging.statuses.${status}`) : status),
  };
}
