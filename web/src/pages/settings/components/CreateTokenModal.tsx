import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import type { Role } from '../../../api/types';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useTokenMutations } from '../api';
import type { CreatedToken } from '../types';
import { renderRoleOption, roleOptions } from './role-options';

interface TokenValues {
  readonly name: string;
  readonly role: Role;
  /** Days, or 0 for no expiry. */
  readonly expiresInDays: number;
}

const EXPIRY_DAYS = [30, 90, 180, 365];

interface CreateTokenModalProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (token: CreatedToken) => void;
}

/** Names a new token, picks its role and lifetime. */
export function CreateTokenModal({ open, onClose, onCreated }: CreateTokenModalProps) {
  const { t } = useTranslation();
  const store = useStore();
  const { create } = useTokenMutations(store.id);
  const [form] = Form.useForm<TokenValues>();
  const failure = create.isError ? errorText(create.error, t, currentLanguage()) : undefined;

  const close = () => {
    create.reset();
    onClose();
  };
  const submit = (values: TokenValues) =>
    create.mutate(
      {
        name: values.name.trim(),
        role: values.role,
        ...(values.expiresInDays > 0 ? { expiresInDays: values.expiresInDays } : {}),
      },
      {
        onSuccess: (token) => {
          create.reset();
          onCreated(token);
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('settings.tokens.form.title')}
      okText={t('settings.tokens.form.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<TokenValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ role: 'operator', expiresInDays: 90 }}
        onFinish={submit}
      >
        <Form.Item
          label={t('settings.tokens.form.name')}
          name="name"
          rules={[
            {
              required: true,
              whitespace: true,
              max: 100,
              message: t('common.required', { field: t('settings.tokens.form.name') }),
            },
          ]}
        >
          <Input placeholder={t('settings.tokens.form.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item label={t('settings.tokens.form.role')} name="role" rules={[{ required: true }]}>
          <Select options={roleOptions(t)} optionRender={renderRoleOption(t)} />
        </Form.Item>
        <Form.Item label={t('settings.tokens.form.expiresIn')} name="expiresInDays">
          <Select
            options={[
              ...EXPIRY_DAYS.map((days) => ({
                value: days,
                label: t('settings.tokens.form.days', { n: days }),
              })),
              { value: 0, label: t('settings.tokens.form.never') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
