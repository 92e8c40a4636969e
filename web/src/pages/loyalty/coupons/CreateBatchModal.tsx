import { App, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { minorUnitsPerMajor } from '../../../format/number';
import { useStore } from '../../../session/use-session';
import { useCouponMutations } from './api';
import type { CouponBatchInput } from './types';

interface FormValues {
  name: string;
  kind: 'amount' | 'percent';
  amountOff?: number;
  percentOff?: number;
  threshold?: number;
  validFrom: string;
  validTo: string;
  perCustomerLimit: number;
  totalCount: number;
}

/** 新建优惠券: terms in yuan (sent in fen), valid days in the store's calendar, limits. */
export function CreateBatchModal({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { create } = useCouponMutations(store.id);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'amount';
  const perMajor = minorUnitsPerMajor(store.currency);

  const submit = async () => {
    const values = await form.validateFields();
    const input: CouponBatchInput = {
      name: values.name,
      kind: values.kind,
      ...(values.kind === 'amount'
        ? { amountOff: Math.round((values.amountOff ?? 0) * perMajor) }
        : { percentOff: values.percentOff ?? 0 }),
      threshold: Math.round((values.threshold ?? 0) * perMajor),
      validFrom: values.validFrom,
      validTo: values.validTo,
      perCustomerLimit: values.perCustomerLimit,
      totalCount: values.totalCount,
    };
    create.mutate(input, {
      onSuccess: (batch) => {
        void message.success(t('coupons.create.done', { name: batch.name }));
        form.resetFields();
        onClose();
      },
      onError: notifyError,
    });
  };

  return (
    <Modal
      open={open}
      title={t('coupons.create.title')}
      okText={t('coupons.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'amount', threshold: 0, perCustomerLimit: 1, totalCount: 1000 }}
      >
        <Form.Item name="name" label={t('coupons.create.name')} rules={[{ required: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('coupons.create.kind')}>
          <Radio.Group
            options={[
              { value: 'amount', label: t('coupons.kinds.amount') },
              { value: 'percent', label: t('coupons.kinds.percent') },
            ]}
          />
        </Form.Item>
        {kind === 'amount' ? (
          <Form.Item name="amountOff" label={t('coupons.create.amountOff')} rules={[{ required: true }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="percentOff" label={t('coupons.create.percentOff')} rules={[{ required: true }]}>
            <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item
          name="threshold"
          label={t('coupons.create.threshold')}
          extra={t('coupons.create.thresholdHint')}
        >
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validFrom" label={t('coupons.create.validFrom')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="validTo" label={t('coupons.create.validTo')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="perCustomerLimit"
          label={t('coupons.create.perCustomerLimit')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="totalCount" label={t('coupons.create.totalCount')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
