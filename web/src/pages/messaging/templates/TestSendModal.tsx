import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useTemplateMutations } from '../api';
import type { MessageTemplate } from '../types';

interface TestValues {
  recipient: string;
  customerId?: number | null;
}

/** Sends one message from a saved template to a staff phone or email, to see it arrive. */
export function TestSendModal({
  template,
  onClose,
}: {
  readonly template: MessageTemplate | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const { test } = useTemplateMutations(store.id);
  const [form] = Form.useForm<TestValues>();
  const label =
    template?.channel === 'sms'
      ? t('messaging.templates.test.recipientSms')
      : template?.channel === 'email'
        ? t('messaging.templates.test.recipientEmail')
        : t('messaging.templates.test.recipientOther');

  const send = (values: TestValues) => {
    if (!template) return;
    test.mutate(
      {
        id: template.id,
        input: {
          recipient: values.recipient.trim(),
          ...(values.customerId ? { customerId: values.customerId } : {}),
        },
      },
      {
        onSuccess: ({ messageId }) => {
          void message.success(t('messaging.templates.test.sent', { id: messageId }), 6);
          form.resetFields();
          onClose();
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      open={template !== undefined}
      title={template ? t('messaging.templates.test.title', { name: template.name }) : undefined}
      okText={t('messaging.templates.test.send')}
      cancelText={t('common.cancel')}
      confirmLoading={test.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TestValues> form={form} layout="vertical" onFinish={send} preserve={false}>
        <Form.Item
          name="recipient"
          label={label}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: label }) }]}
        >
          <Input maxLength={320} autoComplete="off" />
        </Form.Item>
        <Form.Item name="customerId" label={t('messaging.templates.test.customerId')}>
          <InputNumber min={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
