import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import { Logo } from './Logo';
import { SideMenu } from './SideMenu';
import { StoreSwitcher } from './StoreSwitcher';
import { UserMenu } from './UserMenu';

const SIDER_WIDTH = 216;

/** The frame of every store page: sections on the left, store, language and account on top. */
export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  return (
    // White behind the sider column, so the menu's background runs the full height of long pages.
    <Layout style={{ minHeight: '100vh', background: '#ffffff' }}>
      <Layout.Sider
        width={SIDER_WIDTH}
        collapsedWidth={64}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        trigger={null}
        style={{ position: 'sticky', top: 0, height: '100vh' }}
      >
        <Logo collapsed={collapsed} />
        <SideMenu />
      </Layout.Sider>
      <Layout style={{ borderLeft: '1px solid #eef0f3' }}>
        <Layout.Header
          style={{
            borderBottom: '1px solid #eef0f3',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            lineHeight: 'normal',
          }}
        >
          <Flex align="center" justify="space-between" gap={12} style={{ height: '100%' }}>
            <Flex align="center" gap={8}>
              <Button
                type="text"
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => setCollapsed(!collapsed)}
                aria-label={collapsed ? t('header.expandMenu') : t('header.collapseMenu')}
              />
              <StoreSwitcher />
            </Flex>
            <Flex align="center" gap={8}>
              <LanguageSwitch saveToAccount />
              <UserMenu />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 20, maxWidth: 1440, width: '100%', margin: '0 auto' }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
