import { Alert, Card, Descriptions, Empty, Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { templateVariables } from '../../../../../src/messaging/templates';
import { errorText } from '../../../api/error-text';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { type VariableKey, variableToken } from '../labels';
import type { Preview } from '../types';
import { templateProblem } from './template-error';

interface PreviewPanelProps {
  readonly preview: Preview | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly empty: boolean;
}

const isVariable = (name: string): name is VariableKey => name in templateVariables;

/** What the template renders to for a sample customer and, for SMS, what it costs. */
export function PreviewPanel({ preview, error, loading, empty }: PreviewPanelProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const variableName = (name: string) => (isVariable(name) ? variableToken(name, language) : `{${name}}`);
  const problem = templateProblem(error);

  let body: React.ReactNode;
  if (empty)
    body = (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messaging.templates.preview.empty')} />
    );
  else if (problem)
    body = (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('messaging.templates.preview.errorAt', { ...problem })}
      />
    );
  else if (error) {
    const text = errorText(error, t, language);
    body = (
      <Alert type="error" showIcon title={t('messaging.templates.preview.failed')} description={text.title} />
    );
  } else if (preview) body = <PreviewBody preview={preview} variableName={variableName} />;

  return (
    <Card
      size="small"
      role="region"
      aria-label={t('messaging.templates.preview.title')}
      title={
        <Flex gap={8} align="center">
          {t('messaging.templates.preview.title')}
          {loading && <Spin size="small" />}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('messaging.templates.preview.hint')}
      </Typography.Paragraph>
      {body}
    </Card>
  );
}

function PreviewBody({
  preview,
  variableName,
}: {
  readonly preview: Preview;
  readonly variableName: (name: string) => string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { sms } = preview;
  return (
    <Flex vertical gap={12}>
      {preview.customer && (
        <Typography.Text type="secondary">
          {t('messaging.templates.preview.customer', {
            name: preview.customer.name ?? t('messaging.templates.preview.sampleCustomer'),
          })}
        </Typography.Text>
      )}
      {preview.subject !== null && (
        <Typography.Text strong>
          {t('messaging.templates.preview.subject')}：{preview.subject}
        </Typography.Text>
      )}
      <div
        data-testid="preview-text"
        style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, borderRadius: 6 }}
      >
        {preview.text}
      </div>
      {preview.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('messaging.templates.preview.missing', {
            names: preview.missing.map(variableName).join(language === 'zh-CN' ? '、' : ', '),
          })}
        />
      )}
      {sms && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('messaging.templates.preview.composed')}
          </Typography.Text>
          <div
            data-testid="preview-sms"
            style={{ whiteSpace: 'pre-wrap', background: '#f0f5ff', padding: 12, borderRadius: 6 }}
          >
            {sms.composed}
          </div>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'encoding',
                label: t('messaging.templates.preview.encoding'),
                children: t(`messaging.templates.preview.encodings.${sms.encoding}`),
              },
              {
                key: 'length',
                label: t('messaging.templates.preview.length'),
                children: (
                  <span>
                    {t('messaging.templates.preview.characters', {
                      n: formatCount(sms.characters, language),
                    })}
                    {' · '}
                    <Typography.Text strong data-testid="sms-parts">
                      {t('messaging.templates.preview.parts', { perPart: sms.perPart, parts: sms.parts })}
                    </Typography.Text>
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
