import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../session/use-session';
import { usePreview, useTemplates } from '../../messaging/api';
import { useMessagingLabels } from '../../messaging/components/labels-hook';
import { PreviewPanel } from '../../messaging/templates/PreviewPanel';

/** Picks a message template and shows it rendered for a sample customer. */
export function TemplateStep(props: {
  readonly templateId: number | undefined;
  readonly onChange: (id: number) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const labels = useMessagingLabels();
  const templates = useTemplates(store.id);
  const template = templates.data?.find((candidate) => candidate.id === props.templateId);
  const preview = usePreview(
    store.id,
    template && {
      channel: template.channel,
      class: template.class,
      subject: template.subject,
      body: template.body,
    },
  );
  return (
    <Row gutter={24}>
      <Col xs={24} md={10}>
        <Form layout="vertical">
          <Form.Item label={t('campaigns.wizard.pickTemplate')} required>
            <Select
              aria-label={t('campaigns.wizard.pickTemplate')}
              value={props.templateId}
              loading={templates.isLoading}
              onChange={props.onChange}
              options={(templates.data ?? []).map((candidate) => ({
                value: candidate.id,
                label: `${candidate.name} · ${labels.channel(candidate.channel)}`,
              }))}
            />
          </Form.Item>
        </Form>
      </Col>
      <Col xs={24} md={14}>
        <PreviewPanel
          preview={preview.data}
          error={preview.error}
          loading={preview.isFetching}
          empty={template === undefined}
        />
      </Col>
    </Row>
  );
}
