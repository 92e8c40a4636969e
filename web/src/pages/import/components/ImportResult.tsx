import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { type AttributeJobResult, encodingLabel, formatLabel, importErrorText } from '../labels';
import type { FileSummary, ImportResult as Result } from '../types';

const REJECTED_COLOUR = '#d46b08';

/** One figure of a file's result: a labelled group, as the Overview's KPI cards, found by its label. */
function Figure({
  label,
  value,
  colour,
}: {
  readonly label: string;
  readonly value: string;
  readonly colour?: string;
}) {
  return (
    <Flex vertical role="group" aria-label={label} style={{ minWidth: 76 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <span
        data-testid="figure-value"
        style={{
          fontSize: 20,
          fontWeight: 600,
          lineHeight: 1.3,
          color: colour,
          fontVariantNumeric: 'tabular-nums',
        }}
      >
        {value}
      </span>
    </Flex>
  );
}

function FileResult({
  file,
  onShowRun,
}: {
  readonly file: FileSummary;
  readonly onShowRun: (runId: number) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const count = (value: number) => formatCount(value, language);
  return (
    <section
      aria-label={file.fileName}
      style={{ padding: '10px 12px', background: '#ffffff', border: '1px solid #eef0f3', borderRadius: 6 }}
    >
      <Flex align="center" gap={8} wrap style={{ marginBottom: 6 }}>
        <FileTextOutlined style={{ color: '#8c8c8c' }} />
        <Typography.Text strong>{file.fileName}</Typography.Text>
        <Tag style={{ marginInlineEnd: 0 }}>{formatLabel(file.format, t)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('import.result.encoding', { encoding: encodingLabel(file.encoding, t) })}
        </Typography.Text>
        {file.resumed && (
          <Tooltip title={t('import.result.resumedHint')}>
            <Tag color="blue">{t('import.result.resumed')}</Tag>
          </Tooltip>
        )}
        {file.rejected > 0 && (
          <Button
            type="link"
            size="small"
            onClick={() => onShowRun(file.runId)}
            style={{ padding: 0, marginInlineStart: 'auto' }}
          >
            {t('import.result.showRejections')}
          </Button>
        )}
      </Flex>
      <Flex gap={24} wrap align="flex-end">
        <Figure label={t('import.result.read')} value={count(file.read)} />
        <Figure label={t('import.result.inserted')} value={count(file.inserted)} />
        <Figure label={t('import.result.updated')} value={count(file.updated)} />
        <Figure label={t('import.result.unchanged')} value={count(file.unchanged)} />
        <Figure
          label={t('import.result.rejected')}
          value={count(file.rejected)}
          {...(file.rejected > 0 ? { colour: REJECTED_COLOUR } : {})}
        />
        <Figure label={t('import.result.customers')} value={count(file.customers)} />
        {file.items > 0 && <Figure label={t('import.result.items')} value={count(file.items)} />}
      </Flex>
    </section>
  );
}

/** What the job did with each file, and the files it could not read at all. */
export function ImportResult({
  result,
  onShowRun,
}: {
  readonly result: Result;
  readonly onShowRun: (runId: number) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      {result.files.map((file) => (
        <FileResult key={file.runId} file={file} onShowRun={onShowRun} />
      ))}
      {result.failures.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('import.result.failures')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.failures.map((failure) => {
                const text = importErrorText(failure.code, failure.message, language);
                return (
                  <li key={`${failure.file}:${failure.code}:${failure.message}`}>
                    <Typography.Text strong>{failure.file}</Typography.Text>: {text.title}
                    {text.detail && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {text.detail}
                      </Typography.Text>
                    )}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
    </Flex>
  );
}

/** What a customer-details job did with its file: customers updated, unchanged, rows rejected. */
export function AttributeResult({
  result,
  onShowRun,
}: {
  readonly result: AttributeJobResult;
  readonly onShowRun: (runId: number) => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const count = (value: number) => formatCount(value, language);
  const { file, failure } = result;
  const failed = failure ? importErrorText(failure.code, failure.message, language) : undefined;
  return (
    <Flex vertical gap={8} style={{ marginTop: 12 }}>
      {file && (
        <section
          aria-label={file.fileName}
          style={{
            padding: '10px 12px',
            background: '#ffffff',
            border: '1px solid #eef0f3',
            borderRadius: 6,
          }}
        >
          <Flex align="center" gap={8} wrap style={{ marginBottom: 6 }}>
            <FileTextOutlined style={{ color: '#8c8c8c' }} />
            <Typography.Text strong>{file.fileName}</Typography.Text>
            <Tag style={{ marginInlineEnd: 0 }}>{formatLabel('customer-attributes', t)}</Tag>
            {file.rejected > 0 && (
              <Button
                type="link"
                size="small"
                onClick={() => onShowRun(file.runId)}
                style={{ padding: 0, marginInlineStart: 'auto' }}
              >
                {t('import.result.showRejections')}
              </Button>
            )}
          </Flex>
          <Flex gap={24} wrap align="flex-end">
            <Figure label={t('import.result.read')} value={count(file.read)} />
            <Figure label={t('import.result.updatedCustomers')} value={count(file.updated)} />
            <Figure label={t('import.result.unchanged')} value={count(file.unchanged)} />
            <Figure
              label={t('import.result.rejected')}
              value={count(file.rejected)}
              {...(file.rejected > 0 ? { colour: REJECTED_COLOUR } : {})}
            />
          </Flex>
        </section>
      )}
      {failed && <Alert type="error" showIcon title={failed.title} description={failed.detail} />}
    </Flex>
  );
}
