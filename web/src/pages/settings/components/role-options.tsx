import { Flex, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type Role, roles } from '../../../api/types';

/** Options for a role Select: 店主 / 运营 / 客服. */
export function roleOptions(t: TFunction, allowed: readonly Role[] = roles) {
  return allowed.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

/** For a Select's optionRender: the role's name and, underneath, what it may do. */
export function renderRoleOption(t: TFunction) {
  return (option: { value?: string | number | null }) => {
    const role = option.value as Role;
    return (
      <Flex vertical style={{ padding: '2px 0' }}>
        <span>{t(`roles.${role}`)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
          {t(`roleHints.${role}`)}
        </Typography.Text>
      </Flex>
    );
  };
}
