import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popover,
  Row,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/error-text';
import { LoadError } from '../../../../components/LoadError';
import { formatInstant } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useCaseStatus, useCustomerCases, useOpenCase, useTimeline } from '../../api';
import { type AfterSalesCase, type CaseKind, caseKindList } from '../../types';

const kindColour: Record<CaseKind, string> = {
  refund: 'orange',
  return: 'gold',
  exchange: 'blue',
  complaint: 'red',
};

interface OpenValues {
  readonly kind: CaseKind;
  readonly orderId?: number;
  readonly note: string;
}

/** The customer's after-sales cases (售后), with a form to open one and buttons to resolve or reopen. */
export function AfterSalesCard({
  customerId,
  mayWrite,
}: {
  readonly customerId: number;
  readonly mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const cases = useCustomerCases(store.id, customerId);
  const [opening, setOpening] = useState(false);
  const title = (
    <Flex gap={8} align="center">
      {t('customers.afterSales.title')}
      {cases.data && cases.data.open > 0 && (
        <Badge count={t('customers.afterSales.openCount', { n: cases.data.open })} color="red" />
      )}
    </Flex>
  );
  return (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      extra={
        mayWrite &&
        !opening && (
          <Button size="small" onClick={() => setOpening(true)}>
            {t('customers.afterSales.open')}
          </Button>
        )
      }
    >
      {opening && <OpenCaseForm customerId={customerId} onDone={() => setOpening(false)} />}
      {cases.isError ? (
        <LoadError
          title={t('customers.afterSales.loadFailed')}
          error={cases.error}
          onRetry={() => void cases.refetch()}
        />
      ) : (
        <List<AfterSalesCase>
          loading={cases.isPending}
          dataSource={cases.data?.cases ?? []}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.afterSales.none')} />
            ),
          }}
          renderItem={(item) => <CaseItem item={item} mayWrite={mayWrite} />}
        />
      )}
    </Card>
  );
}

function CaseItem({ item, mayWrite }: { readonly item: AfterSalesCase; readonly mayWrite: boolean }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const at = (instant: number) => formatInstant(instant, store.timeZone, language);
  const open = item.status === 'open';
  return (
    <List.Item
      aria-label={t('customers.afterSales.caseLabel', { id: item.id })}
      actions={
        mayWrite
          ? [
              open ? (
                <ResolveButton key="resolve" caseId={item.id} />
              ) : (
                <ReopenButton key="reopen" caseId={item.id} />
              ),
            ]
          : []
      }
    >
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Flex gap={8} align="baseline" wrap>
          <Tag color={kindColour[item.kind]} style={{ marginInlineEnd: 0 }}>
            {t(`customers.afterSales.kinds.${item.kind}`)}
          </Tag>
          <Tag color={open ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
            {t(`customers.afterSales.statuses.${item.status}`)}
          </Tag>
          {item.order && (
            <Typography.Text type="secondary">
              {t('customers.afterSales.order', { id: item.order.externalId })}
            </Typography.Text>
          )}
        </Flex>
        <Typography.Text>{item.note}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('customers.afterSales.opened', { at: at(item.openedAt), by: item.openedBy })}
          {item.resolvedAt !== null &&
            ` · ${t('customers.afterSales.resolved', { at: at(item.resolvedAt), by: item.resolvedBy ?? '' })}`}
        </Typography.Text>
        {item.resolution && <Typography.Text type="success">{item.resolution}</Typography.Text>}
      </Flex>
    </List.Item>
  );
}

function OpenCaseForm({ customerId, onDone }: { readonly customerId: number; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const openCase = useOpenCase(store.id, customerId);
  // The orders the timeline has loaded already: the recent ones, which is where cases come from.
  const timeline = useTimeline(store.id, customerId);
  const orders = (timeline.data?.pages ?? []).flatMap((page) =>
    page.events.flatMap((event) => (event.order ? [event.order] : [])),
  );
  const failure = openCase.isError ? errorText(openCase.error, t, currentLanguage()) : undefined;
  const submit = (values: OpenValues) =>
    openCase.mutate(
      { kind: values.kind, note: values.note.trim(), ...(values.orderId ? { orderId: values.orderId } : {}) },
      {
        onSuccess: () => {
          void message.success(t('customers.afterSales.saved'));
          onDone();
        },
      },
    );
  return (
    <Form<OpenValues>
      // Named, so its fields' ids (after-sales_note…) do not collide with the contact form's
      name="after-sales"
      layout="vertical"
      initialValues={{ kind: 'refund' }}
      onFinish={submit}
      disabled={openCase.isPending}
      aria-label={t('customers.afterSales.open')}
      style={{ marginBottom: 12 }}
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 12 }}
        />
      )}
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item label={t('customers.afterSales.kind')} name="kind" rules={[{ required: true }]}>
            <Select
              options={caseKindList.map((kind) => ({
                value: kind,
                label: t(`customers.afterSales.kinds.${kind}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item label={t('customers.afterSales.orderField')} name="orderId">
            <Select
              allowClear
              placeholder={t('customers.afterSales.orderPlaceholder')}
              options={orders.map((order) => ({ value: order.id, label: order.externalId }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('customers.afterSales.note')}
        name="note"
        rules={[
          { required: true, whitespace: true, message: t('customers.afterSales.noteRequired') },
          { max: 2_000, message: t('customers.edit.tooLong', { n: 2_000 }) },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2_000}
          placeholder={t('customers.afterSales.notePlaceholder')}
        />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" loading={openCase.isPending}>
          {t('customers.afterSales.submit')}
        </Button>
        <Button onClick={onDone}>{t('customers.afterSales.cancel')}</Button>
      </Flex>
    </Form>
  );
}

function ResolveButton({ caseId }: { readonly caseId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const change = useCaseStatus(store.id);
  const [resolution, setResolution] = useState('');
  const [shown, setShown] = useState(false);
  const failure = change.isError ? errorText(change.error, t, currentLanguage()) : undefined;
  const resolve = () =>
    change.mutate(
      { caseId, resolution: resolution.trim() },
      {
        onSuccess: () => {
          void message.success(t('customers.afterSales.resolvedSaved'));
          setShown(false);
        },
      },
    );
  return (
    <Popover
      open={shown}
      onOpenChange={setShown}
      trigger="click"
      title={t('customers.afterSales.resolveTitle')}
      content={
        <Flex vertical gap={8} style={{ width: 260 }}>
          {failure && <Alert type="error" showIcon title={failure.title} description={failure.detail} />}
          <Input.TextArea
            aria-label={t('customers.afterSales.resolution')}
            placeholder={t('customers.afterSales.resolutionPlaceholder')}
            maxLength={2_000}
            value={resolution}
            onChange={(event) => setResolution(event.target.value)}
          />
          <Button type="primary" loading={change.isPending} onClick={resolve}>
            {t('customers.afterSales.resolve')}
          </Button>
        </Flex>
      }
    >
      <Button size="small" type="link">
        {t('customers.afterSales.resolve')}
      </Button>
    </Popover>
  );
}

function ReopenButton({ caseId }: { readonly caseId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const change = useCaseStatus(store.id);
  return (
    <Button
      size="small"
      type="link"
      loading={change.isPending}
      onClick={() =>
        change.mutate(
          { caseId },
          {
            onSuccess: () => void message.success(t('customers.afterSales.reopenedSaved')),
            onError: (error) => void message.error(errorText(error, t, currentLanguage()).title),
          },
        )
      }
    >
      {t('customers.afterSales.reopen')}
    </Button>
  );
}
