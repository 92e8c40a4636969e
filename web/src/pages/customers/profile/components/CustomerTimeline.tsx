import {
  CheckCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  MergeCellsOutlined,
  PhoneOutlined,
  ShoppingOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../../components/LoadError';
import { formatMoney } from '../../../../format/number';
import { formatDayKey, formatInstant } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { orderStatuses } from '../../../import/labels';
import type { OrderStatus } from '../../../import/types';
import { useTimeline } from '../../api';
import type { TimelineEvent, TimelineKind } from '../../types';
import { fieldChanges, mergeOf, tagChanges } from '../change-text';

const kindStyle: Record<TimelineKind, { colour: string; icon: ReactNode }> = {
  order: { colour: '#1677ff', icon: <ShoppingOutlined /> },
  contact: { colour: '#13a8a8', icon: <PhoneOutlined /> },
  change: { colour: '#722ed1', icon: <EditOutlined /> },
  tags: { colour: '#d48806', icon: <TagsOutlined /> },
  merge: { colour: '#8c8c8c', icon: <MergeCellsOutlined /> },
  erase: { colour: '#cf1322', icon: <DeleteOutlined /> },
};

const isOrderStatus = (status: string): status is OrderStatus =>
  (orderStatuses as readonly string[]).includes(status);

function OrderEvent({ order }: { readonly order: NonNullable<TimelineEvent['order']> }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const money = (minor: number) => formatMoney(minor, store.currency, language);
  return (
    <>
      <Flex gap={8} align="baseline" wrap>
        <Typography.Text strong>{t('customers.timeline.order', { id: order.externalId })}</Typography.Text>
        <Typography.Text strong>{money(order.netAmount)}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>
          {isOrderStatus(order.status) ? t(`import.orderStatuses.${order.status}`) : order.status}
        </Tag>
        {!order.isPurchase && <Tag color="default">{t('customers.timeline.notPurchase')}</Tag>}
        {order.refundAmount > 0 && (
          <Typography.Text type="warning">
            {t('customers.timeline.refund', { amount: money(order.refundAmount) })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customers.timeline.itemCount', { count: order.itemCount, n: order.itemCount })}
        </Typography.Text>
      </Flex>
      {order.items.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 13 }}>
          {order.items.map((item, index) => (
            // Items have no id of their own; their place in the order is stable.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index}>
              <Typography.Text>{item.title}</Typography.Text>{' '}
              {item.sku && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.sku}{' '}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                {t('customers.timeline.quantity', { n: item.quantity })} · {money(item.amount)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function ContactEvent({ contact }: { readonly contact: NonNullable<TimelineEvent['contact']> }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <>
      <Typography.Text strong>
        {t('customers.timeline.contact', {
          staff: contact.staff.name,
          channel: t(`customers.contact.channels.${contact.channel}`),
          outcome: t(`customers.contact.outcomes.${contact.outcome}`),
        })}
      </Typography.Text>
      {contact.note && (
        <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
          {contact.note}
        </Typography.Paragraph>
      )}
      {contact.followUpOn && (
        <Flex gap={8} style={{ marginTop: 2 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customers.timeline.followUp', { date: formatDayKey(contact.followUpOn, language) })}
          </Typography.Text>
          {contact.followUpDoneAt !== null && (
            <Tag icon={<CheckCircleOutlined />} color="success">
              {t('customers.timeline.followUpDone')}
            </Tag>
          )}
        </Flex>
      )}
    </>
  );
}

function AuditEvent({ event, customerId }: { readonly event: TimelineEvent; readonly customerId: number }) {
  const { t } = useTranslation();
  const change = event.change;
  if (!change) return null;
  const by = change.by;
  if (event.kind === 'tags') {
    const { added, removed } = tagChanges(change);
    if (added.length + removed.length > 0)
      return (
        <>
          <Typography.Text strong>{t('customers.timeline.tags', { by })}</Typography.Text>
          <Flex gap={4} wrap style={{ marginTop: 4 }}>
            {added.map((tag) => (
              <Tag key={`+${tag}`} color="green">
                + {tag}
              </Tag>
            ))}
            {removed.map((tag) => (
              <Tag key={`-${tag}`} color="red">
                − {tag}
              </Tag>
            ))}
          </Flex>
        </>
      );
  }
  const heading =
    event.kind === 'merge'
      ? t('customers.timeline.merge', { by })
      : event.kind === 'erase'
        ? t('customers.timeline.erase', { by })
        : event.kind === 'tags'
          ? t('customers.timeline.tags', { by })
          : t('customers.timeline.change', { by });
  const changes = event.kind === 'erase' ? [] : fieldChanges(change, t);
  const merge = event.kind === 'merge' ? mergeOf(change, customerId) : undefined;
  return (
    <>
      <Typography.Text strong>{heading}</Typography.Text>
      {merge && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {merge.into
            ? t('customers.timeline.mergedFrom', { id: merge.otherId })
            : t('customers.timeline.mergedInto', { id: merge.otherId })}
        </Typography.Text>
      )}
      {changes.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18, fontSize: 13 }}>
          {changes.map((entry) => (
            <li key={entry.label}>
              <Typography.Text type="secondary">
                {entry.known ? t('customers.timeline.fieldLabel', { field: entry.label }) : entry.label}
              </Typography.Text>
              {entry.known && (
                <>
                  <Typography.Text delete type="secondary">
                    {entry.before}
                  </Typography.Text>
                  {' → '}
                  <Typography.Text>{entry.after}</Typography.Text>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function EventBody({ event, customerId }: { readonly event: TimelineEvent; readonly customerId: number }) {
  if (event.kind === 'order' && event.order) return <OrderEvent order={event.order} />;
  if (event.kind === 'contact' && event.contact) return <ContactEvent contact={event.contact} />;
  return <AuditEvent event={event} customerId={customerId} />;
}

/** Everything that happened with the customer, newest first: orders, contacts, edits, merges. */
export function CustomerTimeline({ customerId }: { readonly customerId: number }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const timeline = useTimeline(store.id, customerId);
  const events = timeline.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Card title={t('customers.timeline.title')}>
      {timeline.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {timeline.isError && (
        <LoadError
          title={t('customers.timeline.loadFailed')}
          error={timeline.error}
          onRetry={() => void timeline.refetch()}
        />
      )}
      {timeline.data && events.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.timeline.empty')} />
      )}
      {events.length > 0 && (
        <section aria-label={t('customers.timeline.title')}>
          <Timeline
            items={events.map((event, index) => ({
              // Events have no common id; kind, time and place in the list tell them apart.
              key: `${event.kind}:${event.at}:${index}`,
              color: kindStyle[event.kind].colour,
              icon: kindStyle[event.kind].icon,
              content: (
                <div data-testid="timeline-event" data-kind={event.kind}>
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {formatInstant(event.at, store.timeZone, language)}
                  </Typography.Text>
                  <EventBody event={event} customerId={customerId} />
                </div>
              ),
            }))}
          />
        </section>
      )}
      {timeline.hasNextPage ? (
        <Flex justify="center">
          <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            {t('customers.timeline.loadOlder')}
          </Button>
        </Flex>
      ) : (
        events.length > 0 && (
          <Typography.Text
            type="secondary"
            style={{ display: 'block', textAlign: 'center', fontSize: 12, marginTop: 8 }}
          >
            {t('customers.timeline.end')}
          </Typography.Text>
        )
      )}
    </Card>
  );
}
