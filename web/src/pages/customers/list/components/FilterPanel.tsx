import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { minorUnitsPerMajor } from '../../../../format/number';
import { useStore } from '../../../../session/use-session';
import { useTagCounts } from '../../api';
import { type ConsentChannel, consentChannels } from '../../types';
import type { CustomerFilters } from '../filters';

type DayRange = [Dayjs | null, Dayjs | null] | null;

interface FilterValues {
  readonly province?: string;
  readonly city?: string;
  readonly tags?: string[];
  readonly firstOrder?: DayRange;
  readonly lastOrder?: DayRange;
  /** Major units (yuan) in the form; the API counts fen. */
  readonly spentMin?: number | null;
  readonly spentMax?: number | null;
  readonly ordersMin?: number | null;
  readonly ordersMax?: number | null;
  readonly consent?: ConsentChannel | null;
  /** Percentages in the form (30 for 30%); the API takes P(alive) as 0..1. */
  readonly pAliveMin?: number | null;
  readonly pAliveMax?: number | null;
  readonly clvTopPercent?: number | null;
  readonly potentialTopPercent?: number | null;
}

const DAY_FORMAT = 'YYYY-MM-DD';
const day = (key: string | undefined) => (key ? dayjs(key, DAY_FORMAT) : null);
const dayKey = (value: Dayjs | null | undefined) => (value ? value.format(DAY_FORMAT) : undefined);
const present = (value: number | null | undefined) => (value === null ? undefined : value);
// Whole percentages in the form: 0.3 shows as 30 (not 30.000000000000004) and goes back as 0.3.
const toPercent = (share: number | undefined) => (share === undefined ? null : Math.round(share * 100));
const toShare = (percent: number | null | undefined) =>
  percent === null || percent === undefined ? undefined : Math.round(percent) / 100;

type RangeMin = 'spentMin' | 'ordersMin' | 'pAliveMin';
type RangeMax = 'spentMax' | 'ordersMax' | 'pAliveMax';

function toValues(filters: CustomerFilters, perMajor: number): FilterValues {
  const major = (minor: number | undefined) => (minor === undefined ? null : minor / perMajor);
  return {
    ...(filters.province ? { province: filters.province } : {}),
    ...(filters.city ? { city: filters.city } : {}),
    tags: [...filters.tags],
    firstOrder: [day(filters.firstOrderFrom), day(filters.firstOrderTo)],
    lastOrder: [day(filters.lastOrderFrom), day(filters.lastOrderTo)],
    spentMin: major(filters.spentMin),
    spentMax: major(filters.spentMax),
    ordersMin: filters.ordersMin ?? null,
    ordersMax: filters.ordersMax ?? null,
    consent: filters.consent ?? null,
    pAliveMin: toPercent(filters.pAliveMin),
    pAliveMax: toPercent(filters.pAliveMax),
    clvTopPercent: filters.clvTopPercent ?? null,
    potentialTopPercent: filters.potentialTopPercent ?? null,
  };
}

function toFilters(values: FilterValues, q: string | undefined, perMajor: number): CustomerFilters {
  const minor = (major: number | null | undefined) =>
    major === null || major === undefined ? undefined : Math.round(major * perMajor);
  return {
    q,
    province: values.province?.trim() || undefined,
    city: values.city?.trim() || undefined,
    tags: (values.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''),
    firstOrderFrom: dayKey(values.firstOrder?.[0]),
    firstOrderTo: dayKey(values.firstOrder?.[1]),
    lastOrderFrom: dayKey(values.lastOrder?.[0]),
    lastOrderTo: dayKey(values.lastOrder?.[1]),
    spentMin: minor(values.spentMin),
    spentMax: minor(values.spentMax),
    ordersMin: present(values.ordersMin),
    ordersMax: present(values.ordersMax),
    consent: values.consent ?? undefined,
    pAliveMin: toShare(values.pAliveMin),
    pAliveMax: toShare(values.pAliveMax),
    clvTopPercent: present(values.clvTopPercent),
    potentialTopPercent: present(values.potentialTopPercent),
  };
}

/** "Top N%" of a predicted value: a whole percentage from 1 to 100. */
function TopPercentField({
  name,
  label,
  hint,
}: {
  readonly name: 'clvTopPercent' | 'potentialTopPercent';
  readonly label: 'customers.list.clvTop' | 'customers.list.potentialTop';
  readonly hint: 'customers.list.clvTopHint' | 'customers.list.potentialTopHint';
}) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t(label)} name={name} tooltip={t(hint)} style={{ marginBottom: 0 }}>
      <InputNumber
        min={1}
        max={100}
        precision={0}
        prefix={t('customers.list.clvTopPrefix')}
        suffix="%"
        placeholder={t('customers.list.anyValue')}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
}

interface FilterPanelProps {
  readonly filters: CustomerFilters;
  readonly onApply: (filters: CustomerFilters) => void;
}

/** A minimum and a maximum side by side, the maximum checked against the minimum. */
function RangeField({
  label,
  min,
  max,
  precision,
  limit,
  rule,
}: {
  readonly label: string;
  readonly min: RangeMin;
  readonly max: RangeMax;
  readonly precision: number;
  /** The highest value a bound can take (100 for a percentage). */
  readonly limit?: number;
  readonly rule: (other: RangeMin) => object;
}) {
  const { t } = useTranslation();
  const input = (bound: 'min' | 'max') => (
    <InputNumber
      min={0}
      max={limit}
      precision={precision}
      placeholder={t(`customers.list.${bound}`)}
      aria-label={`${label} ${t(`customers.list.${bound}`)}`}
      style={{ width: '50%' }}
    />
  );
  return (
    <Form.Item label={label} style={{ marginBottom: 0 }}>
      <Space.Compact block>
        <Form.Item name={min} noStyle>
          {input('min')}
        </Form.Item>
        <Form.Item name={max} noStyle dependencies={[min]} rules={[rule(min)]}>
          {input('max')}
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** Who is in the list: region, tags, purchase dates, spend, order count, consent and predictions. */
export function FilterPanel({ filters, onApply }: FilterPanelProps) {
  const { t } = useTranslation();
  const store = useStore();
  const tags = useTagCounts(store.id);
  const perMajor = minorUnitsPerMajor(store.currency);
  const [form] = Form.useForm<FilterValues>();

  // A range whose minimum is above its maximum would match no one: say so instead.
  const rangeRule = (other: RangeMin) => ({
    validator: async (_: unknown, max: number | null | undefined) => {
      const min = form.getFieldValue(other) as number | null | undefined;
      if (max !== null && max !== undefined && min !== null && min !== undefined && min > max)
        throw new Error(t('customers.list.rangeInvalid'));
    },
  });

  return (
    <Form<FilterValues>
      form={form}
      layout="vertical"
      initialValues={toValues(filters, perMajor)}
      onFinish={(values) => onApply(toFilters(values, filters.q, perMajor))}
      aria-label={t('customers.list.filtersTitle')}
      style={{ marginTop: 16 }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('customers.list.province')} name="province">
            <Input allowClear maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('customers.list.city')} name="city">
            <Input allowClear maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={12}>
          <Form.Item label={t('customers.list.tags')} name="tags" tooltip={t('customers.list.tagsHint')}>
            <Select
              mode="tags"
              allowClear
              maxCount={20}
              placeholder={t('customers.list.tagsPlaceholder')}
              loading={tags.isPending}
              options={(tags.data ?? []).map((entry) => ({
                value: entry.tag,
                label: `${entry.tag} (${entry.customers})`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('customers.list.firstOrder')} name="firstOrder">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('customers.list.lastOrder')} name="lastOrder">
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <RangeField
            label={t('customers.list.spent')}
            min="spentMin"
            max="spentMax"
            precision={2}
            rule={rangeRule}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <RangeField
            label={t('customers.list.orders')}
            min="ordersMin"
            max="ordersMax"
            precision={0}
            rule={rangeRule}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item label={t('customers.list.consent')} name="consent">
            <Select<ConsentChannel | null>
              allowClear
              placeholder={t('customers.list.anyConsent')}
              options={consentChannels.map((channel) => ({
                value: channel,
                label: t(`customers.consent.channels.${channel}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <RangeField
            label={t('customers.list.pAlive')}
            min="pAliveMin"
            max="pAliveMax"
            precision={0}
            limit={100}
            rule={rangeRule}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <TopPercentField
            name="clvTopPercent"
            label="customers.list.clvTop"
            hint="customers.list.clvTopHint"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <TopPercentField
            name="potentialTopPercent"
            label="customers.list.potentialTop"
            hint="customers.list.potentialTopHint"
          />
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end" style={{ marginTop: 8 }}>
        {/* The list page keys this form by the address, so the cleared address shows a cleared form. */}
        <Button onClick={() => onApply({ q: filters.q, tags: [] })}>{t('customers.list.clear')}</Button>
        <Button type="primary" htmlType="submit">
          {t('customers.list.apply')}
        </Button>
      </Flex>
    </Form>
  );
}
