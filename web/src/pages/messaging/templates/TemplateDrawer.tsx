import { SendOutlined } from '@ant-design/icons';
import { App, Button, Col, Drawer, Flex, Form, Input, Radio, Row, Select, Tooltip } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../components/use-debounced';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { usePreview, useTemplateMutations } from '../api';
import { useMessagingLabels } from '../components/labels-hook';
import { channelList } from '../labels';
import type { MessageTemplate } from '../types';
import { PreviewPanel } from './PreviewPanel';
import { templateProblem } from './template-error';
import {
  emptyTemplate,
  hasSubject,
  type TemplateValues,
  toInput,
  toPreviewInput,
  toValues,
} from './template-values';
import { VariablePicker } from './VariablePicker';

// How long the preview waits after the last keystroke before asking the server.
const PREVIEW_DELAY_MS = 300;

interface TemplateDrawerProps {
  readonly open: boolean;
  /** The template being edited; undefined for a new one. */
  readonly template: MessageTemplate | undefined;
  readonly onSaved: (template: MessageTemplate) => void;
  readonly onTest: (template: MessageTemplate) => void;
  readonly onClose: () => void;
}

/** The template form beside its live preview. */
export function TemplateDrawer({ open, template, onSaved, onTest, onClose }: TemplateDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const labels = useMessagingLabels();
  const [form] = Form.useForm<TemplateValues>();
  const { save } = useTemplateMutations(store.id);
  const bodyRef = useRef<TextAreaRef>(null);
  const watched = Form.useWatch([], form) as Partial<TemplateValues> | undefined;
  const channel = watched?.channel ?? template?.channel ?? 'sms';
  const previewInput = useDebounced(
    useMemo(() => (open ? toPreviewInput(watched) : undefined), [open, watched]),
    PREVIEW_DELAY_MS,
  );
  const preview = usePreview(store.id, previewInput);
  const problem = templateProblem(preview.error);

  useEffect(() => {
    if (open)
      form.setFieldsValue(
        template ? toValues(template) : { ...emptyTemplate, subject: undefined, providerTemplate: undefined },
      );
  }, [open, template, form]);

  // Inserts a variable where the caret is (or replaces the selection) and puts the caret after it.
  const insert = (token: string) => {
    const area = bodyRef.current?.resizableTextArea?.textArea;
    const body: string = form.getFieldValue('body') ?? '';
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    form.setFieldValue('body', body.slice(0, start) + token + body.slice(end));
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const submit = (values: TemplateValues) =>
    save.mutate(
      { id: template?.id, input: toInput(values) },
      {
        onSuccess: (saved) => {
          void message.success(t('messaging.templates.saved'));
          onSaved(saved);
        },
        onError: notifyError,
      },
    );

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  const f = (key: 'name' | 'channel' | 'class' | 'subject' | 'body' | 'providerTemplate') =>
    t(`messaging.templates.form.${key}`);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1040}
      title={
        template
          ? t('messaging.templates.form.editTitle', { name: template.name })
          : t('messaging.templates.form.createTitle')
      }
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Tooltip title={template ? undefined : t('messaging.templates.test.saveFirst')}>
            <Button icon={<SendOutlined />} disabled={!template} onClick={() => template && onTest(template)}>
              {t('messaging.templates.test.button')}
            </Button>
          </Tooltip>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Row gutter={24}>
        <Col xs={24} lg={13}>
          <Form<TemplateValues> form={form} layout="vertical" onFinish={submit} initialValues={emptyTemplate}>
            <Form.Item name="name" label={f('name')} rules={required(f('name'))}>
              <Input maxLength={60} />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="channel" label={f('channel')} style={{ minWidth: 180 }}>
                <Select options={channelList.map((value) => ({ value, label: labels.channel(value) }))} />
              </Form.Item>
              <Form.Item name="class" label={f('class')} tooltip={t('messaging.templates.form.classHint')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'marketing', label: t('messaging.classes.marketing') },
                    { value: 'transactional', label: t('messaging.classes.transactional') },
                  ]}
                />
              </Form.Item>
            </Flex>
            {hasSubject(channel) && (
              <Form.Item
                name="subject"
                label={f('subject')}
                extra={t('messaging.templates.form.subjectHint')}
                rules={channel === 'email' ? required(f('subject')) : []}
              >
                <Input maxLength={200} />
              </Form.Item>
            )}
            <Form.Item
              name="body"
              label={f('body')}
              rules={required(f('body'))}
              validateStatus={problem ? 'error' : undefined}
              help={problem ? t('messaging.templates.preview.errorAt', { ...problem }) : undefined}
            >
              <Input.TextArea
                ref={bodyRef}
                rows={7}
                maxLength={5_000}
                showCount
                placeholder={t('messaging.templates.form.bodyPlaceholder')}
              />
            </Form.Item>
            <div style={{ marginTop: -8, marginBottom: 16 }}>
              <VariablePicker onInsert={insert} />
            </div>
            {channel === 'sms' && (
              <Form.Item
                name="providerTemplate"
                label={f('providerTemplate')}
                extra={t('messaging.templates.form.providerTemplateHint')}
              >
                <Input maxLength={60} />
              </Form.Item>
            )}
          </Form>
        </Col>
        <Col xs={24} lg={11}>
          <PreviewPanel
            preview={preview.data}
            error={preview.isError ? preview.error : undefined}
            loading={preview.isFetching}
            empty={previewInput === undefined}
          />
        </Col>
      </Row>
    </Drawer>
  );
}
