import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { minorUnitsPerMajor } from '../../../format/number';
import { useStore } from '../../../session/use-session';
import { useAudiences } from '../../audiences/api';
import { useTemplates } from '../../messaging/api';
import { useGiftMutations } from './api';
import { occasionKeys } from './labels';
import type { Occasion } from './types';

interface FormValues {
  name: string;
  occasion: Occasion;
  audienceId: number;
  giftSku: string;
  giftTitle: string;
  unitCost: number;
  budget: number;
  templateId?: number;
}

/** 新建礼品计划: occasion, saved audience, gift, unit cost and budget in yuan, greeting template. */
export function CreatePlanModal({
  open,
  onClose,
  onCreated,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const audiences = useAudiences(store.id);
  const templates = useTemplates(store.id);
  const { create } = useGiftMutations(store.id);
  const [form] = Form.useForm<FormValues>();
  const perMajor = minorUnitsPerMajor(store.currency);

  const submit = async () => {
    const values = await form.validateFields();
    create.mutate(
      {
        ...values,
        unitCost: Math.round(values.unitCost * perMajor),
        budget: Math.round(values.budget * perMajor),
      },
      {
        onSuccess: (plan) => {
          void message.success(t('gifts.create.done', { name: plan.name }));
          form.resetFields();
          onCreated(plan.id);
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('gifts.create.title')}
      okText={t('gifts.create.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ occasion: 'mid_autumn' }}>
        <Form.Item name="name" label={t('gifts.create.name')} rules={[{ required: true, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="occasion" label={t('gifts.create.occasion')}>
          <Select options={occasionKeys.map((key) => ({ value: key, label: t(`gifts.occasions.${key}`) }))} />
        </Form.Item>
        <Form.Item
          name="audienceId"
          label={t('gifts.create.audience')}
          extra={t('gifts.create.audienceHint')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={audiences.isLoading}
            options={(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="giftSku" label={t('gifts.create.giftSku')} rules={[{ required: true, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="giftTitle"
          label={t('gifts.create.giftTitle')}
          rules={[{ required: true, max: 120 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="unitCost" label={t('gifts.create.unitCost')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="budget" label={t('gifts.create.budget')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('gifts.create.template')}
          extra={t('gifts.create.templateHint')}
        >
          <Select
            allowClear
            loading={templates.isLoading}
            options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
