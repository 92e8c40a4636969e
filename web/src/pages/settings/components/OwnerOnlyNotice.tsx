import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';

/** Says why the controls are read-only for this role. */
export function OwnerOnlyNotice({ role }: { readonly role: Role }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      title={t('settings.ownerOnly', { role: t(`roles.${role}`) })}
      style={{ marginBottom: 16 }}
    />
  );
}
