import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/error-text';
import { dayKey } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useRecordContact } from '../../api';
import {
  type ContactChannel,
  type ContactOutcome,
  contactChannelList,
  contactOutcomeList,
} from '../../types';

interface ContactValues {
  readonly channel: ContactChannel;
  readonly outcome: ContactOutcome;
  readonly note?: string;
  readonly followUpOn?: Dayjs | null;
}

/** Records a call, chat or visit with the customer, and when to follow up. */
export function ContactForm({ customerId }: { readonly customerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const record = useRecordContact(store.id, customerId);
  const [form] = Form.useForm<ContactValues>();
  const failure = record.isError ? errorText(record.error, t, currentLanguage()) : undefined;
  // Follow-ups are days in the store's time zone; the past is no day to plan one.
  const today = dayjs(dayKey(Date.now(), store.timeZone));

  const submit = (values: ContactValues) =>
    record.mutate(
      {
        channel: values.channel,
        outcome: values.outcome,
        note: values.note?.trim() ?? '',
        followUpOn: values.followUpOn ? values.followUpOn.format('YYYY-MM-DD') : null,
      },
      {
        onSuccess: () => {
          void message.success(t('customers.contact.saved'));
          form.resetFields();
        },
      },
    );

  return (
    <Card title={t('customers.contact.title')} style={{ marginBottom: 16 }}>
      {failure && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => record.reset()}
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<ContactValues>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'phone', outcome: 'reached' }}
        onFinish={submit}
        disabled={record.isPending}
        aria-label={t('customers.contact.title')}
      >
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item label={t('customers.contact.channel')} name="channel" rules={[{ required: true }]}>
              <Select
                options={contactChannelList.map((channel) => ({
                  value: channel,
                  label: t(`customers.contact.channels.${channel}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('customers.contact.outcome')} name="outcome" rules={[{ required: true }]}>
              <Select
                options={contactOutcomeList.map((outcome) => ({
                  value: outcome,
                  label: t(`customers.contact.outcomes.${outcome}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label={t('customers.contact.followUpOn')} name="followUpOn">
              <DatePicker
                style={{ width: '100%' }}
                placeholder={t('customers.contact.followUpPlaceholder')}
                disabledDate={(date) => date.isBefore(today, 'day')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('customers.contact.note')}
          name="note"
          rules={[{ max: 2_000, message: t('customers.edit.tooLong', { n: 2_000 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2_000}
            placeholder={t('customers.contact.notePlaceholder')}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('customers.contact.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
