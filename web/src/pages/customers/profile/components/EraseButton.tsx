import { DeleteOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../../components/use-notify-error';
import { useStore } from '../../../../session/use-session';
import { useErase } from '../../api';
import { customerName } from '../../labels';
import type { CustomerProfile } from '../../types';

/** Clears the customer's personal data after saying exactly what goes and what stays. */
export function EraseButton({ profile }: { readonly profile: CustomerProfile }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const erase = useErase(store.id, profile.id);

  const confirm = () =>
    modal.confirm({
      title: t('customers.erase.title', { name: customerName(profile, t) }),
      content: t('customers.erase.description'),
      okText: t('customers.erase.confirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        erase.mutateAsync().then(
          () => void message.success(t('customers.erase.done')),
          (error: unknown) => notifyError(error),
        ),
    });

  return (
    <Button danger icon={<DeleteOutlined />} onClick={confirm} loading={erase.isPending}>
      {t('customers.profile.erase')}
    </Button>
  );
}
