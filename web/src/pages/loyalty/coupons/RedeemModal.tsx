import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useCouponMutations } from './api';

/** 手工核销: staff enter a code and the order it was used on (an export without the code column). */
export function RedeemModal({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { redeem } = useCouponMutations(store.id);
  const [form] = Form.useForm<{ code: string; orderNumber: string }>();

  const submit = async () => {
    const values = await form.validateFields();
    redeem.mutate(values, {
      onSuccess: (redemption) => {
        void message.success(
          t('coupons.redeem.done', { code: redemption.code, order: redemption.orderNumber }),
        );
        form.resetFields();
        onClose();
      },
      onError: notifyError,
    });
  };

  return (
    <Modal
      open={open}
      title={t('coupons.redeem.title')}
      okText={t('coupons.redeem.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={redeem.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="code" label={t('coupons.redeem.code')} rules={[{ required: true, max: 40 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="orderNumber"
          label={t('coupons.redeem.orderNumber')}
          rules={[{ required: true, max: 64 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
