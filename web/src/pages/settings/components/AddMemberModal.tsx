import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { errorText } from '../../../api/error-text';
import type { Role } from '../../../api/types';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useMemberMutations } from '../api';
import { renderRoleOption, roleOptions } from './role-options';

interface MemberValues {
  readonly login: string;
  readonly role: Role;
  readonly displayName?: string;
  readonly password?: string;
}

// Empty optional fields are left out rather than sent as "".
function toNewMember(values: MemberValues) {
  const displayName = values.displayName?.trim();
  return {
    login: values.login.trim(),
    role: values.role,
    ...(displayName ? { displayName } : {}),
    ...(values.password ? { password: values.password } : {}),
  };
}

/** Adds an existing account to the store, or creates the account when a first password is given. */
export function AddMemberModal({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const { add } = useMemberMutations(store.id);
  const [form] = Form.useForm<MemberValues>();
  const failure = add.isError ? errorText(add.error, t, currentLanguage()) : undefined;
  // An unknown login without a password is the one mistake the form can explain how to fix.
  const hint =
    isApiError(add.error) && add.error.code === 'user.not_found'
      ? t('settings.members.form.notFoundHint')
      : undefined;

  const close = () => {
    form.resetFields();
    add.reset();
    onClose();
  };
  const submit = (values: MemberValues) => {
    const member = toNewMember(values);
    add.mutate(member, {
      onSuccess: () => {
        void message.success(t('settings.members.added', { login: member.login }));
        close();
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('settings.members.form.title')}
      okText={t('settings.members.form.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={hint ?? failure.detail}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<MemberValues>
        form={form}
        layout="vertical"
        initialValues={{ role: 'operator' }}
        onFinish={submit}
        preserve={false}
      >
        <Form.Item
          label={t('settings.members.form.login')}
          name="login"
          extra={t('settings.members.form.loginHint')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 64,
              message: t('common.required', { field: t('settings.members.form.login') }),
            },
          ]}
        >
          <Input autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item label={t('settings.members.form.role')} name="role" rules={[{ required: true }]}>
          <Select options={roleOptions(t)} optionRender={renderRoleOption(t)} />
        </Form.Item>
        <Form.Item label={t('settings.members.form.displayName')} name="displayName">
          <Input placeholder={t('settings.members.form.displayNamePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('settings.members.form.password')}
          name="password"
          rules={[{ min: 8, message: t('settings.members.form.passwordTooShort') }]}
        >
          <Input.Password
            placeholder={t('settings.members.form.passwordPlaceholder')}
            autoComplete="new-password"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
