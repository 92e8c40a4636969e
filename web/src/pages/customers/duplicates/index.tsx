import { MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Radio, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount, formatMoney } from '../../../format/number';
import { formatDay } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useDuplicates, useMerge } from '../api';
import { CustomersNav } from '../components/CustomersNav';
import { customerName, customerPath, regionText } from '../labels';
import type { CustomerSummary, DuplicateGroup } from '../types';

/** Customers that may be one person, in groups, each with a merge into the record chosen to keep. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const store = useStore();
  const allowed = can(store.role, 'customers.write');
  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle')} />
      <CustomersNav active="duplicates" />
      {allowed ? (
        <DuplicateGroups />
      ) : (
        <Alert
          type="info"
          showIcon
          title={t('customers.duplicates.noPermission', { role: t(`roles.${store.role}`) })}
        />
      )}
    </>
  );
}

function DuplicateGroups() {
  const { t } = useTranslation();
  const store = useStore();
  const groups = useDuplicates(store.id);
  if (groups.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Card>
    );
  if (groups.isError)
    return (
      <Card>
        <LoadError
          title={t('customers.duplicates.loadFailed')}
          error={groups.error}
          onRetry={() => void groups.refetch()}
        />
      </Card>
    );
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">{t('customers.duplicates.intro')}</Typography.Text>
      {groups.data.length === 0 ? (
        <Card>
          <Empty description={t('customers.duplicates.empty')} />
        </Card>
      ) : (
        groups.data.map((group) => (
          <GroupCard key={`${group.reason}:${group.customers.map((c) => c.id).join(',')}`} group={group} />
        ))
      )}
    </Flex>
  );
}

// The record to keep by default: the one with the most orders, then the oldest.
const defaultKeep = (customers: readonly CustomerSummary[]) =>
  [...customers].sort((a, b) => b.orderCount - a.orderCount || a.id - b.id)[0]?.id;

function GroupCard({ group }: { readonly group: DuplicateGroup }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const language = currentLanguage();
  const merge = useMerge(store.id);
  const [keep, setKeep] = useState(() => defaultKeep(group.customers));
  const kept = group.customers.find((customer) => customer.id === keep);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;

  // One merge per other record, in turn: each moves that record's orders into the kept one.
  const mergeAll = async (keepId: number) => {
    for (const customer of group.customers)
      if (customer.id !== keepId) await merge.mutateAsync({ keepId, duplicateId: customer.id });
  };
  const confirm = () => {
    if (!kept) return;
    const name = customerName(kept, t);
    modal.confirm({
      title: t('customers.duplicates.mergeTitle', { n: group.customers.length }),
      content: t('customers.duplicates.mergeDescription', { name }),
      okText: t('customers.duplicates.merge'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        mergeAll(kept.id).then(
          () => void message.success(t('customers.duplicates.merged', { name })),
          (error: unknown) => notifyError(error),
        ),
    });
  };

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <Tag color="orange">{t(`customers.duplicates.reasons.${group.reason}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {group.customers.map((customer) => customerName(customer, t)).join(' · ')}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Button icon={<MergeCellsOutlined />} onClick={confirm} disabled={!kept} loading={merge.isPending}>
          {t('customers.duplicates.merge')}
        </Button>
      }
    >
      <Table<CustomerSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...group.customers]}
        scroll={{ x: 860 }}
        columns={[
          {
            key: 'keep',
            title: t('customers.duplicates.keep'),
            width: 64,
            render: (_, customer) => (
              <Radio
                checked={customer.id === keep}
                onChange={() => setKeep(customer.id)}
                aria-label={`${t('customers.duplicates.keepThis')}: ${customerName(customer, t)}`}
              />
            ),
          },
          {
            key: 'customer',
            title: t('customers.list.columns.customer'),
            render: (_, customer) => (
              <Link to={customerPath(store.id, customer.id)}>{customerName(customer, t)}</Link>
            ),
          },
          { key: 'name', title: t('customers.profile.name'), render: (_, c) => c.name ?? none },
          { key: 'phone', title: t('customers.profile.phone'), render: (_, c) => c.phone ?? none },
          { key: 'email', title: t('customers.profile.email'), render: (_, c) => c.email ?? none },
          { key: 'region', title: t('customers.profile.region'), render: (_, c) => regionText(c) ?? none },
          {
            key: 'orders',
            title: t('customers.list.columns.orders'),
            align: 'right',
            render: (_, c) => formatCount(c.orderCount, language),
          },
          {
            key: 'spent',
            title: t('customers.list.columns.spent'),
            align: 'right',
            render: (_, c) => formatMoney(c.totalSpent, store.currency, language),
          },
          {
            key: 'lastOrder',
            title: t('customers.list.columns.lastOrder'),
            render: (_, c) =>
              c.lastOrderAt === null ? none : formatDay(c.lastOrderAt, store.timeZone, language),
          },
        ]}
      />
    </Card>
  );
}
