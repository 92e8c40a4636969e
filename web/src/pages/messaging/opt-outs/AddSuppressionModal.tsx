import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useSuppressionMutations } from '../api';
import { useMessagingLabels } from '../components/labels-hook';
import { channelList } from '../labels';
import type { SuppressionInput } from '../types';

/** Adds an address to the opt-out list by hand (a customer who asked on the phone). */
export function AddSuppressionModal({
  open,
  onClose,
}: {
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const labels = useMessagingLabels();
  const { add } = useSuppressionMutations(store.id);
  const [form] = Form.useForm<SuppressionInput>();
  const address = t('messaging.optOuts.address');

  const submit = (values: SuppressionInput) =>
    add.mutate(
      {
        channel: values.channel,
        address: values.address.trim(),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('messaging.optOuts.added'));
          onClose();
        },
        onError: notifyError,
      },
    );

  return (
    <Modal
      open={open}
      title={t('messaging.optOuts.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<SuppressionInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'sms' }}
        preserve={false}
      >
        <Form.Item name="channel" label={t('messaging.optOuts.columns.channel')}>
          <Select options={channelList.map((value) => ({ value, label: labels.channel(value) }))} />
        </Form.Item>
        <Form.Item
          name="address"
          label={address}
          extra={t('messaging.optOuts.addressHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: address }) }]}
        >
          <Input maxLength={320} autoComplete="off" />
        </Form.Item>
        <Form.Item name="note" label={t('messaging.optOuts.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
