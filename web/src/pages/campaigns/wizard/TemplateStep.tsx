import { Col, Form, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../session/use-session';
import { useCouponBatches } from '../../loyalty/coupons/api';
import { usePreview, useTemplates } from '../../messaging/api';
import { useMessagingLabels } from '../../messaging/components/labels-hook';
import { PreviewPanel } from '../../messaging/templates/PreviewPanel';

/** Picks a message template (and a coupon batch to hand out with it) and shows it rendered. */
export function TemplateStep(props: {
  readonly templateId: number | undefined;
  readonly onChange: (id: number) => void;
  readonly couponBatchId: number | undefined;
  readonly onCouponChange: (id: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const labels = useMessagingLabels();
  const templates = useTemplates(store.id);
  const batches = useCouponBatches(store.id);
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
          <Form.Item label={t('campaigns.wizard.coupon')} extra={t('campaigns.wizard.couponHint')}>
            <Select
              aria-label={t('campaigns.wizard.coupon')}
              allowClear
              value={props.couponBatchId}
              loading={batches.isLoading}
              onChange={(id?: number) => props.onCouponChange(id)}
              options={(batches.data ?? [])
                .filter((batch) => batch.issued < batch.totalCount)
                .map((batch) => ({ value: batch.id, label: `${batch.name} · ${batch.faceValue}` }))}
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
