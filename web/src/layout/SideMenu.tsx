import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { sectionIcons, sectionKeys, sectionVisible, storePath } from '../app/sections';
import { useStore } from '../session/use-session';

/** The sections of the current store, as links, the open one highlighted. */
export function SideMenu() {
  const { t } = useTranslation();
  const store = useStore();
  const { pathname } = useLocation();
  const open = sectionKeys.find((key) => pathname.startsWith(storePath(store.id, key)));
  return (
    <nav aria-label={t('nav.menu')}>
      <Menu
        mode="inline"
        selectedKeys={open ? [open] : []}
        style={{ borderInlineEnd: 'none' }}
        items={sectionKeys
          .filter((key) => sectionVisible(key, store.role))
          .map((key) => ({
            key,
            icon: sectionIcons[key],
            label: <Link to={storePath(store.id, key)}>{t(`nav.${key}`)}</Link>,
          }))}
      />
    </nav>
  );
}
