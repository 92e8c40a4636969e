import { ApiOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession, useStore } from '../session/use-session';
import { useSignOut } from './use-sign-out';

/** The signed-in person, their role here, the API docs and signing out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user } = useSession();
  const store = useStore();
  const signOut = useSignOut();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('header.signedInAs', { login: user.login })} · {t(`roles.${store.role}`)}
              </Typography.Text>
            ),
          },
          { type: 'divider' },
          {
            key: 'docs',
            icon: <ApiOutlined />,
            label: (
              <a href="/docs" target="_blank" rel="noreferrer">
                {t('header.apiDocs')}
              </a>
            ),
          },
          { key: 'sign-out', icon: <LogoutOutlined />, label: t('header.signOut'), onClick: signOut.run },
        ],
      }}
    >
      <Button
        type="text"
        aria-label={t('header.userMenu')}
        loading={signOut.pending}
        style={{ paddingInline: 8 }}
      >
        <Avatar size={26} icon={<UserOutlined />} style={{ backgroundColor: '#1668dc' }} />
        <span>{user.displayName}</span>
      </Button>
    </Dropdown>
  );
}
