import { Alert, App, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/error-text';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useCustomerList, useMerge } from '../../api';
import { customerName, regionText } from '../../labels';
import type { CustomerProfile } from '../../types';

const SEARCH_PAGE = 10;

interface MergeModalProps {
  readonly open: boolean;
  readonly profile: CustomerProfile;
  readonly onClose: () => void;
}

/** Finds another record of the same person and merges it into this customer. */
export function MergeModal({ open, profile, onClose }: MergeModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const [q, setQ] = useState('');
  const [duplicateId, setDuplicateId] = useState<number | undefined>();
  const search = useCustomerList(store.id, { q: q.trim(), pageSize: SEARCH_PAGE }, open && q.trim() !== '');
  const merge = useMerge(store.id);
  const name = customerName(profile, t);
  const failure = merge.isError ? errorText(merge.error, t, currentLanguage()) : undefined;
  const options = (search.data?.customers ?? [])
    .filter((customer) => customer.id !== profile.id && !customer.erased)
    .map((customer) => ({
      value: customer.id,
      label: [customerName(customer, t), customer.name, customer.phone, regionText(customer)]
        .filter(Boolean)
        .join(' · '),
    }));

  const close = () => {
    setQ('');
    setDuplicateId(undefined);
    merge.reset();
    onClose();
  };
  const submit = () => {
    if (duplicateId === undefined) return;
    merge.mutate(
      { keepId: profile.id, duplicateId },
      {
        onSuccess: () => {
          void message.success(t('customers.merge.done'));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('customers.merge.title')}
      okText={t('customers.merge.submit')}
      okButtonProps={{ danger: true, disabled: duplicateId === undefined }}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={close}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.merge.intro', { name })}</Typography.Paragraph>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 12 }}
        />
      )}
      <Select<number>
        showSearch={{ filterOption: false, onSearch: setQ }}
        value={duplicateId}
        onChange={setDuplicateId}
        aria-label={t('customers.merge.search')}
        placeholder={t('customers.merge.searchPlaceholder')}
        loading={search.isFetching}
        options={options}
        notFoundContent={null}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}
