import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useMemberDayMutations, useMemberDays, useTierScheme } from '../api';
import { LoyaltyNav } from '../LoyaltyNav';
import type { MemberDay } from '../types';
import { MemberDayCalendar } from './MemberDayCalendar';
import { MemberDayModal } from './MemberDayModal';

/** 会员日: the store's member days, their calendar, and a reminder campaign for each. */
export default function MemberDaysPage() {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const discountScale = currentLanguage() === 'zh-CN' ? 10 : 1;
  const memberDays = useMemberDays(store.id);
  const scheme = useTierScheme(store.id);
  const mutations = useMemberDayMutations(store.id);
  const editable = can(store.role, 'loyalty.manage');
  const [editing, setEditing] = useState<MemberDay | null | undefined>(undefined);
  const tierName = (id: number) => scheme.data?.tiers.find((tier) => tier.id === id)?.name ?? `#${id}`;
  return (
    <>
      <PageHeader
        title={t('loyalty.memberDays.title')}
        subtitle={t('loyalty.memberDays.subtitle')}
        extra={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('loyalty.memberDays.create')}
            </Button>
          )
        }
      />
      <LoyaltyNav active="member-days" />
      {scheme.data === null && (
        <Alert type="info" showIcon title={t('loyalty.memberDays.needTiers')} style={{ marginBottom: 16 }} />
      )}
      <Card style={{ marginBottom: 16 }}>
        {memberDays.isError ? (
          <LoadError
            title={t('loyalty.memberDays.loadFailed')}
            error={memberDays.error}
            onRetry={() => void memberDays.refetch()}
          />
        ) : (
          <Table<MemberDay>
            rowKey="id"
            loading={memberDays.isLoading}
            dataSource={memberDays.data ?? []}
            pagination={false}
            locale={{ emptyText: t('loyalty.memberDays.empty') }}
            columns={[
              { title: t('loyalty.memberDays.name'), dataIndex: 'name' },
              {
                title: t('loyalty.memberDays.days'),
                render: (_, day) =>
                  day.days.map((d) => t('loyalty.memberDays.dayLabel', { day: d })).join('、'),
              },
              {
                title: t('loyalty.memberDays.tiers'),
                render: (_, day) =>
                  day.tierIds.length === 0 ? (
                    <Tag>{t('loyalty.memberDays.allTiers')}</Tag>
                  ) : (
                    day.tierIds.map((id) => <Tag key={id}>{tierName(id)}</Tag>)
                  ),
              },
              {
                title: t('loyalty.memberDays.discount'),
                render: (_, day) => `${day.pricePercent / discountScale}${t('loyalty.tiers.discountSuffix')}`,
              },
              { title: t('loyalty.memberDays.newProducts'), dataIndex: 'newProducts', ellipsis: true },
              {
                title: t('loyalty.memberDays.reminder'),
                render: (_, day) =>
                  day.reminder
                    ? t('loyalty.memberDays.reminderAt', { days: day.reminder.daysBefore })
                    : t('loyalty.memberDays.noReminder'),
              },
              { title: t('loyalty.memberDays.next'), dataIndex: 'nextDate' },
              ...(editable
                ? [
                    {
                      title: '',
                      render: (_: unknown, day: MemberDay) => (
                        <Space size={4} wrap>
                          <Button size="small" onClick={() => setEditing(day)}>
                            {t('loyalty.memberDays.edit')}
                          </Button>
                          {day.reminder && (
                            <Button
                              size="small"
                              loading={mutations.remind.isPending && mutations.remind.variables === day.id}
                              onClick={() =>
                                mutations.remind.mutate(day.id, {
                                  onSuccess: (campaign) =>
                                    void message.success(
                                      t('loyalty.memberDays.reminded', { name: campaign.name }),
                                    ),
                                  onError: notifyError,
                                })
                              }
                            >
                              {t('loyalty.memberDays.remind')}
                            </Button>
                          )}
                          <Popconfirm
                            title={t('loyalty.memberDays.deleteConfirm')}
                            onConfirm={() => mutations.remove.mutate(day.id, { onError: notifyError })}
                          >
                            <Button size="small" danger>
                              {t('loyalty.memberDays.delete')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <MemberDayCalendar />
      {editing !== undefined && (
        <MemberDayModal
          editing={editing}
          saving={mutations.save.isPending}
          onCancel={() => setEditing(undefined)}
          onSave={(input) =>
            mutations.save.mutate(
              { id: editing?.id ?? null, input },
              {
                onSuccess: () => {
                  void message.success(t('loyalty.memberDays.saved'));
                  setEditing(undefined);
                },
                onError: notifyError,
              },
            )
          }
        />
      )}
    </>
  );
}
