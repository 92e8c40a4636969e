import { Alert, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../../session/use-session';
import type { Channel, ChannelView, Provider } from '../../../messaging/types';
import { useMembers } from '../../api';
import {
  type ChannelFormValues,
  type FieldSpec,
  fieldsFor,
  initialValues,
  providerOf,
  providersOf,
} from './provider-fields';

interface ChannelFormProps {
  readonly channel: Channel | undefined;
  readonly view: ChannelView | undefined;
  readonly saving: boolean;
  readonly onSave: (values: ChannelFormValues) => void;
  readonly onClose: () => void;
}

/** One channel's provider and its settings; a secret left empty keeps the stored one. */
export function ChannelForm({ channel, view, saving, onSave, onClose }: ChannelFormProps) {
  const { t } = useTranslation();
  const store = useStore();
  const [form] = Form.useForm<ChannelFormValues>();
  const provider: Provider =
    Form.useWatch('provider', form) ?? (channel ? providerOf(channel, view) : 'local');
  const allowPrivate = Form.useWatch('allowPrivate', form) === true;
  const members = useMembers(store.id);

  useEffect(() => {
    if (channel) form.setFieldsValue(initialValues(channel, providerOf(channel, view), view));
  }, [channel, view, form]);

  const field = (spec: FieldSpec) => {
    const label = t(`messaging.settings.fields.${spec.name}`);
    const masked =
      spec.kind === 'secret' && view?.provider === provider ? view.secrets[spec.name] : undefined;
    // A stored secret need not be typed again.
    const required = spec.required === true && spec.kind !== 'switch' && masked === undefined;
    const rules = required ? [{ required: true, message: t('common.required', { field: label }) }] : [];
    const extra = spec.hint ? t(`messaging.settings.fields.${spec.hint}`) : undefined;
    const item = (control: React.ReactNode, valuePropName?: string) => (
      <Form.Item
        key={spec.name}
        name={spec.name}
        label={label}
        rules={rules}
        extra={extra}
        valuePropName={valuePropName}
      >
        {control}
      </Form.Item>
    );
    switch (spec.kind) {
      case 'secret':
        return item(
          <Input.Password
            autoComplete="new-password"
            placeholder={
              masked
                ? t('messaging.settings.secretPlaceholder', { masked })
                : t('messaging.settings.secretEmpty')
            }
          />,
        );
      case 'number':
        return item(<InputNumber min={1} precision={0} style={{ width: 160 }} />);
      case 'switch':
        return item(<Switch />, 'checked');
      case 'assignee':
        return item(
          <Select
            allowClear
            loading={members.isPending}
            options={(members.data ?? []).map((member) => ({
              value: member.userId,
              label: `${member.displayName} (${member.login})`,
            }))}
          />,
        );
      default:
        return item(<Input autoComplete="off" />);
    }
  };

  return (
    <Modal
      open={channel !== undefined}
      title={
        channel
          ? t('messaging.settings.editTitle', { channel: t(`messaging.channels.${channel}`) })
          : undefined
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
      forceRender
    >
      <Form<ChannelFormValues>
        form={form}
        layout="vertical"
        onFinish={onSave}
        onValuesChange={(changed: Partial<ChannelFormValues>) => {
          // Another provider has other fields and defaults.
          if (changed.provider && channel)
            form.setFieldsValue(initialValues(channel, changed.provider, view));
        }}
      >
        <Form.Item name="provider" label={t('messaging.settings.provider')}>
          <Select
            disabled={!channel || providersOf[channel].length < 2}
            options={(channel ? providersOf[channel] : []).map((value) => ({
              value,
              label: t(`messaging.settings.providers.${value}`),
            }))}
          />
        </Form.Item>
        {provider === 'local' && (
          <Alert
            type="info"
            showIcon
            title={t('messaging.settings.fields.localHint')}
            style={{ marginBottom: 16 }}
          />
        )}
        {channel && fieldsFor(provider, channel).map(field)}
        {provider === 'webhook' && allowPrivate && (
          <Alert
            type="warning"
            showIcon
            title={t('messaging.settings.fields.allowPrivateWarning')}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form.Item name="enabled" label={t('messaging.settings.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
