import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  type GetProp,
  Progress,
  Segmented,
  Select,
  Typography,
  Upload,
  type UploadProps,
} from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import { formatBytes, formatCount, formatShare } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { type AttributeMatchKey, matchKeys } from '../../customers/types';
import { rememberJob, useActiveJob } from '../active-job';
import { isCancelled, useColumnMaps, useRefreshRuns, useUploadFiles } from '../api';
import { type ImportFormat, importFormats } from '../types';
import { JobPanel } from './JobPanel';

type RcFile = Parameters<GetProp<UploadProps, 'beforeUpload'>>[0];

const ACCEPT = '.csv,.txt,.xlsx';
const AUTO = 'auto';

/** What the files hold: orders (the platforms' exports) or customer details (客户属性). */
type ImportKind = 'orders' | 'attributes';

/** Choose files (and, rarely, a format or a column map), upload them, and follow the job. */
export function UploadCard({ onShowRun }: { readonly onShowRun: (runId: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const language = currentLanguage();
  const maps = useColumnMaps(store.id);
  const refreshRuns = useRefreshRuns(store.id);
  const [files, setFiles] = useState<readonly RcFile[]>([]);
  const [format, setFormat] = useState<ImportFormat | typeof AUTO>(AUTO);
  const [mapName, setMapName] = useState<string | undefined>();
  const [kind, setKind] = useState<ImportKind>('orders');
  const [matchBy, setMatchBy] = useState<AttributeMatchKey>('nick');
  const [sent, setSent] = useState(0);
  const [job, setJob] = useActiveJob(store.id);
  const cancel = useRef<AbortController | undefined>(undefined);
  const upload = useUploadFiles(store.id, {
    // Remembered even when the operator has moved on to another page meanwhile.
    onAnswer: (answer) => {
      rememberJob(store.id, answer);
      void refreshRuns();
    },
  });
  const failure =
    upload.isError && !isCancelled(upload.error) ? errorText(upload.error, t, language) : undefined;
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  const add = (file: RcFile) => {
    // A customer-details import takes one file: a new choice replaces the last.
    if (kind === 'attributes') {
      setFiles([file]);
      return false;
    }
    setFiles((chosen) => {
      if (chosen.some((other) => other.name === file.name && other.size === file.size)) {
        void message.warning(t('import.upload.duplicate', { name: file.name }));
        return chosen;
      }
      return [...chosen, file];
    });
    return false; // kept in the list; sent together by the start button
  };

  const start = () => {
    const controller = new AbortController();
    cancel.current = controller;
    setSent(0);
    upload.mutate(
      {
        files,
        format: kind === 'orders' && format !== AUTO ? format : undefined,
        map: kind === 'orders' ? mapName : undefined,
        attributes: kind === 'attributes' ? { matchBy } : undefined,
        onProgress: (progress) => setSent(progress.total === 0 ? 1 : progress.sent / progress.total),
        signal: controller.signal,
      },
      {
        onSuccess: (answer) => {
          setJob(answer);
          setFiles([]);
        },
      },
    );
  };

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <CloudUploadOutlined />
          {kind === 'orders' ? t('import.upload.title') : t('import.upload.attributesTitle')}
        </Flex>
      }
      extra={
        <Segmented<ImportKind>
          aria-label={t('import.upload.kind')}
          value={kind}
          onChange={(next) => {
            setKind(next);
            setFiles((chosen) => (next === 'attributes' ? chosen.slice(-1) : chosen));
          }}
          disabled={upload.isPending}
          options={[
            { value: 'orders', label: t('import.upload.kinds.orders') },
            { value: 'attributes', label: t('import.upload.kinds.attributes') },
          ]}
        />
      }
    >
      <Upload.Dragger
        accept={ACCEPT}
        multiple={kind === 'orders'}
        maxCount={kind === 'orders' ? undefined : 1}
        disabled={upload.isPending}
        beforeUpload={add}
        fileList={files.map((file) => ({ uid: file.uid, name: file.name, size: file.size }))}
        onRemove={(removed) => setFiles((chosen) => chosen.filter((file) => file.uid !== removed.uid))}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.upload.drop')}</p>
        <p className="ant-upload-hint" style={{ padding: '0 24px' }}>
          {kind === 'orders' ? t('import.upload.dropHint') : t('import.upload.attributesHint')}
        </p>
      </Upload.Dragger>

      <Form layout="inline" style={{ marginTop: 16, rowGap: 12 }}>
        {kind === 'attributes' && (
          <Form.Item label={t('import.upload.matchBy')} htmlFor="import-match-by">
            <Select<AttributeMatchKey>
              id="import-match-by"
              value={matchBy}
              onChange={setMatchBy}
              style={{ width: 200 }}
              disabled={upload.isPending}
              options={matchKeys.map((key) => ({ value: key, label: t(`import.upload.matchKeys.${key}`) }))}
            />
          </Form.Item>
        )}
        {kind === 'orders' && (
          <>
            <Form.Item label={t('import.upload.format')} htmlFor="import-format">
              <Select<ImportFormat | typeof AUTO>
                id="import-format"
                value={format}
                onChange={setFormat}
                style={{ width: 200 }}
                disabled={upload.isPending}
                options={[
                  { value: AUTO, label: t('import.upload.formatAuto') },
                  ...importFormats.map((value) => ({ value, label: t(`import.formats.${value}`) })),
                ]}
              />
            </Form.Item>
            <Form.Item
              label={t('import.upload.map')}
              htmlFor="import-map"
              tooltip={t('import.upload.mapHint')}
            >
              <Select<string>
                id="import-map"
                value={mapName}
                onChange={setMapName}
                allowClear
                placeholder={t('import.upload.mapAuto')}
                loading={maps.isPending}
                disabled={upload.isPending}
                style={{ width: 200 }}
                options={(maps.data ?? []).map((map) => ({ value: map.name, label: map.name }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {files.length > 0 &&
            t('import.upload.selected', {
              count: files.length,
              n: formatCount(files.length, language),
              size: formatBytes(totalBytes, language),
            })}
        </Typography.Text>
        <Flex gap={8}>
          {files.length > 0 && !upload.isPending && (
            <Button onClick={() => setFiles([])}>{t('import.upload.clear')}</Button>
          )}
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={files.length === 0}
            loading={upload.isPending}
            onClick={start}
          >
            {t('import.upload.start')}
          </Button>
        </Flex>
      </Flex>

      {upload.isPending && (
        <Flex align="center" gap={12} style={{ marginTop: 16 }}>
          <Typography.Text style={{ flex: 'none' }}>{t('import.upload.uploading')}</Typography.Text>
          <Progress
            percent={Math.round(sent * 100)}
            status="active"
            aria-label={t('import.upload.uploading')}
            format={() => formatShare(sent, language).replace(/\.0(?=\D*$)/, '')}
            style={{ margin: 0, flex: 1 }}
          />
          <Button size="small" onClick={() => cancel.current?.abort()}>
            {t('import.upload.cancel')}
          </Button>
        </Flex>
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => upload.reset()}
          title={`${t('import.upload.failed')}: ${failure.title}`}
          description={failure.detail}
          style={{ marginTop: 16 }}
        />
      )}
      {job && (
        <JobPanel
          key={job.jobId}
          job={job}
          onShowRun={onShowRun}
          onDismiss={() => setJob(undefined)}
          onChange={() => void refreshRuns()}
        />
      )}
    </Card>
  );
}
