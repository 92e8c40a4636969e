import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../../api/error-text';
import { currentLanguage } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { signIn } from '../../session/api';

interface Credentials {
  readonly login: string;
  readonly password: string;
}

// Only return to pages of the dashboard itself, never to another site.
function returnPath(state: unknown): string {
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  return typeof from === 'string' && from.startsWith('/stores/') ? from : '/';
}

/** Sign-in with login and password; the server sets an httpOnly session cookie. */
export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: ({ login, password }: Credentials) => signIn(login.trim(), password),
    onSuccess: () => {
      queryClient.clear(); // nothing of a previous session may show
      navigate(returnPath(location.state), { replace: true });
    },
  });
  const failure = mutation.isError ? errorText(mutation.error, t, currentLanguage()) : undefined;

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 24, background: '#f4f6f9' }}
    >
      <div style={{ position: 'fixed', top: 12, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Flex vertical align="center" gap={6} style={{ marginBottom: 24 }}>
        <span
          aria-hidden
          style={{
            width: 48,
            height: 48,
            borderRadius: 12,
            background: 'linear-gradient(135deg, #1668dc, #4096ff)',
            color: '#fff',
            fontSize: 26,
            fontWeight: 700,
            lineHeight: '48px',
            textAlign: 'center',
          }}
        >
          老
        </span>
        <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 380 }} styles={{ body: { padding: 28 } }}>
        <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 20 }}>
          {t('login.title')}
        </Typography.Title>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure.title}
            description={failure.detail}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => mutation.mutate(values)}
          disabled={mutation.isPending}
        >
          <Form.Item
            label={t('login.login')}
            name="login"
            rules={[{ required: true, whitespace: true, message: t('login.loginRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              placeholder={t('login.loginPlaceholder')}
              autoComplete="username"
              autoFocus
              size="large"
            />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={mutation.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12, textAlign: 'center' }}>
        {t('login.footer')}
      </Typography.Text>
    </Flex>
  );
}
