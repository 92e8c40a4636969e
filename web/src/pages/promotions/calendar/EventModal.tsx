import { Form, Input, Modal, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useEventMutations } from '../api';

interface EventForm {
  name: string;
  month: number;
  day: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Days a month can have (February 29 included: that event shows in leap years only). */
const daysIn = (month: number) => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;

/** Adds or edits one of the store's own events: a name and the same month and day every year. */
export function EventModal({
  editing,
  open,
  onClose,
}: {
  /** The event being edited, or null to add one. */
  readonly editing: { key: string; name: string; monthDay: string } | null;
  readonly open: boolean;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const notifyError = useNotifyError();
  const mutations = useEventMutations(store.id);
  const [form] = Form.useForm<EventForm>();
  const month = Form.useWatch('month', form) ?? 1;

  useEffect(() => {
    if (!open) return;
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        month: Number(editing.monthDay.slice(0, 2)),
        day: Number(editing.monthDay.slice(3, 5)),
      });
    else form.setFieldsValue({ name: '', month: 5, day: 20 });
  }, [open, editing, form]);

  const save = (values: EventForm) => {
    const input = { name: values.name.trim(), monthDay: `${pad(values.month)}-${pad(values.day)}` };
    const done = { onSuccess: () => onClose(true), onError: notifyError };
    if (editing) mutations.update.mutate({ key: editing.key, ...input }, done);
    else mutations.create.mutate(input, done);
  };

  return (
    <Modal
      open={open}
      title={t(editing ? 'promotions.eventModal.editTitle' : 'promotions.eventModal.createTitle')}
      okText={t('promotions.eventModal.save')}
      cancelText={t('promotions.eventModal.cancel')}
      confirmLoading={mutations.create.isPending || mutations.update.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="name"
          label={t('promotions.eventModal.name')}
          rules={[{ required: true, whitespace: true, message: t('promotions.eventModal.nameRequired') }]}
        >
          <Input maxLength={40} placeholder={t('promotions.eventModal.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('promotions.eventModal.date')} extra={t('promotions.eventModal.dateHint')}>
          <Space.Compact>
            <Form.Item name="month" noStyle>
              <Select
                aria-label={t('promotions.eventModal.month')}
                style={{ width: 120 }}
                options={Array.from({ length: 12 }, (_, i) => ({
                  value: i + 1,
                  label: `${i + 1} ${t('promotions.eventModal.month')}`,
                }))}
                onChange={(m: number) => {
                  if ((form.getFieldValue('day') as number) > daysIn(m)) form.setFieldValue('day', daysIn(m));
                }}
              />
            </Form.Item>
            <Form.Item name="day" noStyle>
              <Select
                aria-label={t('promotions.eventModal.day')}
                style={{ width: 120 }}
                options={Array.from({ length: daysIn(month) }, (_, i) => ({
                  value: i + 1,
                  label: `${i + 1} ${t('promotions.eventModal.day')}`,
                }))}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
