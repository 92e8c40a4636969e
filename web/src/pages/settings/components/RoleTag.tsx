import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';

const colours: Record<Role, string> = { owner: 'gold', operator: 'blue', service: 'cyan' };

/** 店主 / 运营 / 客服, with what the role may do on hover. */
export function RoleTag({ role }: { readonly role: Role }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`roleHints.${role}`)}>
      <Tag color={colours[role]}>{t(`roles.${role}`)}</Tag>
    </Tooltip>
  );
}
