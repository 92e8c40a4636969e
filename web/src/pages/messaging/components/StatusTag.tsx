import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColours } from '../labels';
import type { Message } from '../types';

/** A message's status as a coloured tag; the reason (why it failed, was held back) in a tooltip. */
export function StatusTag({
  message,
}: {
  readonly message: Pick<Message, 'status' | 'reason' | 'attempts'>;
}) {
  const { t } = useTranslation();
  const tag = (
    <Tag color={statusColours[message.status]} style={{ marginInlineEnd: 0 }}>
      {t(`messaging.statuses.${message.status}`)}
    </Tag>
  );
  const reason = message.reason ?? (message.status === 'failed' ? t('messaging.log.noReason') : null);
  if (reason === null) return tag;
  return (
    <Tooltip
      title={
        <>
          {reason}
          {message.attempts > 1 && <div>{t('messaging.log.attemptsHint', { n: message.attempts })}</div>}
        </>
      }
    >
      <span data-reason={reason}>{tag}</span>
    </Tooltip>
  );
}
