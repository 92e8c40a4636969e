import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { LoadError } from '../../../components/LoadError';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatDay, formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useSession, useStore } from '../../../session/use-session';
import { useMemberMutations, useMembers } from '../api';
import type { Member } from '../types';
import { AddMemberModal } from './AddMemberModal';
import { RoleTag } from './RoleTag';
import { renderRoleOption, roleOptions } from './role-options';

/** The store's staff; owners add members, change roles and remove them. */
export function MembersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const { user } = useSession();
  const members = useMembers(store.id);
  const mutations = useMemberMutations(store.id);
  const [adding, setAdding] = useState(false);
  const manage = can(store.role, 'members.manage');
  const language = currentLanguage();

  if (members.isError) return <LoadError error={members.error} onRetry={() => void members.refetch()} />;

  const changeRole = (member: Member, role: Role) =>
    mutations.changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () =>
          void message.success(
            t('settings.members.roleChanged', { name: member.displayName, role: t(`roles.${role}`) }),
          ),
        onError: notifyError,
      },
    );
  const remove = (member: Member) =>
    mutations.remove.mutate(member.userId, {
      onSuccess: () => void message.success(t('settings.members.removed', { name: member.displayName })),
      onError: notifyError,
    });

  return (
    <>
      {manage && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            {t('settings.members.add')}
          </Button>
        </Flex>
      )}
      <Table<Member>
        rowKey="userId"
        size="middle"
        loading={members.isPending}
        dataSource={members.data}
        pagination={false}
        locale={{ emptyText: t('settings.members.empty') }}
        scroll={{ x: 720 }}
        columns={[
          {
            key: 'member',
            title: t('settings.members.member'),
            render: (_, member) => (
              <Flex vertical>
                <span>
                  {member.displayName}
                  {member.userId === user.id && (
                    <Typography.Text type="secondary">{t('common.you')}</Typography.Text>
                  )}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {member.login}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'role',
            title: t('settings.members.role'),
            width: 160,
            // Owners may not demote themselves here: it would lock them out mid-click.
            render: (_, member) =>
              manage && member.userId !== user.id ? (
                <Select<Role>
                  aria-label={t('settings.members.role')}
                  size="small"
                  value={member.role}
                  style={{ width: 120 }}
                  options={roleOptions(t)}
                  optionRender={renderRoleOption(t)}
                  popupMatchSelectWidth={260}
                  onChange={(role) => changeRole(member, role)}
                />
              ) : (
                <RoleTag role={member.role} />
              ),
          },
          {
            key: 'lastLogin',
            title: t('settings.members.lastLogin'),
            render: (_, member) =>
              member.lastLoginAt === null ? (
                <Typography.Text type="secondary">{t('common.never')}</Typography.Text>
              ) : (
                formatInstant(member.lastLoginAt, store.timeZone, language)
              ),
          },
          {
            key: 'since',
            title: t('settings.members.since'),
            render: (_, member) => formatDay(member.since, store.timeZone, language),
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 96,
                  render: (_: unknown, member: Member) =>
                    member.userId === user.id ? null : (
                      <Popconfirm
                        title={t('settings.members.removeConfirm', { name: member.displayName })}
                        description={t('settings.members.removeDescription')}
                        okButtonProps={{ danger: true }}
                        okText={t('common.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(member)}
                      >
                        <Button type="link" danger size="small" style={{ padding: 0 }}>
                          {t('common.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      <AddMemberModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
