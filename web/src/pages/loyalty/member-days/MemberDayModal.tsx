import { Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useTemplates } from '../../messaging/api';
import { useTierScheme } from '../api';
import type { MemberDay, MemberDayInput } from '../types';

// Creates or edits a member day: its days of the month, eligible tiers, discount, new products and
// the optional reminder (a template and how many days before).

interface FormValues {
  name: string;
  days: number[];
  tierIds: number[];
  discount: number;
  newProducts: string;
  remind: boolean;
  reminderDays: number;
  templateId?: number;
}

interface MemberDayModalProps {
  readonly editing: MemberDay | null;
  readonly saving: boolean;
  readonly onSave: (input: MemberDayInput) => void;
  readonly onCancel: () => void;
}

const monthDays = Array.from({ length: 31 }, (_, i) => i + 1);

export function MemberDayModal({ editing, saving, onSave, onCancel }: MemberDayModalProps) {
  const { t } = useTranslation();
  const store = useStore();
  const discountScale = currentLanguage() === 'zh-CN' ? 10 : 1;
  const tiers = useTierScheme(store.id);
  const templates = useTemplates(store.id);
  const [form] = Form.useForm<FormValues>();
  const [remind, setRemind] = useState(editing?.reminder !== null && editing !== null);
  const initial: FormValues = {
    name: editing?.name ?? '',
    days: editing?.days ?? [8],
    tierIds: editing?.tierIds ?? [],
    discount: (editing?.pricePercent ?? 90) / discountScale,
    newProducts: editing?.newProducts ?? '',
    remind: editing?.reminder != null,
    reminderDays: editing?.reminder?.daysBefore ?? 3,
    ...(editing?.reminder ? { templateId: editing.reminder.templateId } : {}),
  };
  const submit = (values: FormValues) =>
    onSave({
      name: values.name,
      days: values.days,
      tierIds: values.tierIds,
      pricePercent: Math.round(values.discount * discountScale),
      newProducts: values.newProducts,
      reminder:
        values.remind && values.templateId !== undefined
          ? { daysBefore: values.reminderDays, templateId: values.templateId }
          : null,
    });
  return (
    <Modal
      open
      title={editing ? t('loyalty.memberDays.edit') : t('loyalty.memberDays.create')}
      okText={t('loyalty.memberDays.ok')}
      cancelText={t('loyalty.memberDays.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item
          name="name"
          label={t('loyalty.memberDays.name')}
          rules={[{ required: true, whitespace: true, max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('loyalty.memberDays.days')}
          extra={t('loyalty.memberDays.daysHint')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            options={monthDays.map((day) => ({
              value: day,
              label: t('loyalty.memberDays.dayLabel', { day }),
            }))}
          />
        </Form.Item>
        <Form.Item name="tierIds" label={t('loyalty.memberDays.tiers')}>
          <Select
            mode="multiple"
            placeholder={t('loyalty.memberDays.allTiers')}
            options={(tiers.data?.tiers ?? []).map((tier) => ({ value: tier.id, label: tier.name }))}
          />
        </Form.Item>
        <Form.Item
          name="discount"
          label={t('loyalty.memberDays.discount')}
          extra={t('loyalty.tiers.discountHint')}
        >
          <InputNumber
            min={1 / discountScale}
            max={100 / discountScale}
            step={discountScale === 10 ? 0.1 : 1}
            suffix={t('loyalty.tiers.discountSuffix')}
          />
        </Form.Item>
        <Form.Item name="newProducts" label={t('loyalty.memberDays.newProducts')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="remind" label={t('loyalty.memberDays.reminder')} valuePropName="checked">
            <Switch onChange={setRemind} />
          </Form.Item>
          {remind && (
            <>
              <Form.Item
                name="reminderDays"
                label={t('loyalty.memberDays.reminderDays')}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={30} precision={0} />
              </Form.Item>
              <Form.Item
                name="templateId"
                label={t('loyalty.memberDays.reminderTemplate')}
                rules={[{ required: true }]}
              >
                <Select
                  style={{ minWidth: 200 }}
                  loading={templates.isLoading}
                  options={(templates.data ?? []).map((template) => ({
                    value: template.id,
                    label: template.name,
                  }))}
                />
              </Form.Item>
            </>
          )}
        </Space>
      </Form>
    </Modal>
  );
}
