import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../../components/copy-text';
import type { CreatedToken } from '../types';

/** Shows a new token's secret, the one time the API returns it, with a copy button. */
export function TokenCreatedModal({
  token,
  onClose,
}: {
  readonly token: CreatedToken | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const close = () => {
    setCopied(false);
    onClose();
  };
  const copy = async () => {
    if (token) setCopied(await copyText(token.token));
  };
  return (
    <Modal
      open={token !== undefined}
      title={t('settings.tokens.created.title')}
      onCancel={close}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={close}>
          {t('settings.tokens.created.done')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title={t('settings.tokens.created.warning')}
        style={{ marginBottom: 16 }}
      />
      <Flex gap={8}>
        <Input
          readOnly
          value={token?.token}
          aria-label={t('settings.tokens.created.title')}
          onFocus={(event) => event.currentTarget.select()}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
        />
        <Button
          icon={copied ? <CheckOutlined /> : <CopyOutlined />}
          onClick={() => void copy()}
          style={{ flex: 'none' }}
        >
          {copied ? t('settings.tokens.created.copied') : t('settings.tokens.created.copy')}
        </Button>
      </Flex>
    </Modal>
  );
}
