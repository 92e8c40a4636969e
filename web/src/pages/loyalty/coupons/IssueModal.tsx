import { App, Form, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useAudiences } from '../../audiences/api';
import { useCouponMutations } from './api';
import type { CouponBatch } from './types';

/** 发券: a saved audience and how many codes each member should hold. */
export function IssueModal({
  batch,
  onClose,
}: {
  readonly batch: CouponBatch | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { modal } = App.useApp();
  const notifyError = useNotifyError();
  const audiences = useAudiences(store.id);
  const { issue } = useCouponMutations(store.id);
  const [form] = Form.useForm<{ audienceId: number; perCustomer: number }>();

  const submit = async () => {
    if (!batch) return;
    const values = await form.validateFields();
    issue.mutate(
      { id: batch.id, ...values },
      {
        onSuccess: (result) => {
          onClose();
          modal.success({ title: t('coupons.issue.done'), content: t('coupons.issue.result', result) });
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      open={batch !== undefined}
      title={t('coupons.issue.title', { name: batch?.name ?? '' })}
      okText={t('coupons.issue.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={issue.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ perCustomer: 1 }}>
        <Form.Item name="audienceId" label={t('coupons.issue.audience')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={audiences.isLoading}
            options={(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Form.Item
          name="perCustomer"
          label={t('coupons.issue.perCustomer')}
          extra={t('coupons.issue.perCustomerHint', { limit: batch?.perCustomerLimit ?? 1 })}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
