import { Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useCampaigns } from '../../campaigns/api';
import { caseKindList, consentChannelList, lifecycleList, predictionFieldList, segmentList } from '../fields';
import type { Condition, SavedAudience } from '../types';
import { DateBoundInput } from './DateBoundInput';
import { TierSelect } from './TierSelect';

// The inputs one condition needs, by its type. Types without their own inputs (birthday month,
// preference, contacted) are edited as JSON, which the live count checks as the user types.

interface EditorProps {
  readonly condition: Condition;
  readonly onChange: (condition: Condition) => void;
  readonly audiences: readonly SavedAudience[];
}

/** Sets `key`, or removes it when the value is undefined, so the JSON stays tidy. */
function set<C extends Condition, K extends keyof C>(condition: C, key: K, value: C[K] | undefined): C {
  const next = { ...condition };
  if (value === undefined || value === null) delete next[key];
  else next[key] = value;
  return next;
}

const tagsSelect = (
  label: string,
  values: readonly string[] | undefined,
  onChange: (v: string[]) => void,
  placeholder: string,
) => (
  <Select
    mode="tags"
    aria-label={label}
    placeholder={`${label} · ${placeholder}`}
    value={values ? [...values] : []}
    onChange={onChange}
    style={{ minWidth: 220 }}
    open={false}
    suffixIcon={null}
  />
);

/** One choice among string values, each labelled by `labelOf`. */
function choice<V extends string>(
  label: string,
  value: NoInfer<V>,
  values: readonly V[],
  labelOf: (value: V) => string,
  change: (value: V) => void,
  width: number,
) {
  return (
    <Select<V>
      aria-label={label}
      value={value}
      onChange={change}
      options={values.map((v) => ({ value: v, label: labelOf(v) }))}
      style={{ width }}
    />
  );
}

/** Several choices among string values; none chosen is an empty list. */
function choices<V extends string>(
  label: string,
  chosen: readonly string[] | undefined, // may hold values no longer offered
  values: readonly V[],
  labelOf: (value: V) => string,
  change: (values: V[]) => void,
  minWidth: number,
  placeholder?: string,
) {
  return (
    <Select<V[]>
      mode="multiple"
      aria-label={label}
      placeholder={placeholder}
      value={[...(chosen ?? [])] as V[]}
      onChange={change}
      options={values.map((v) => ({ value: v, label: labelOf(v) }))}
      style={{ minWidth }}
    />
  );
}

export function ConditionEditor({ condition: c, onChange, audiences }: EditorProps) {
  const { t } = useTranslation();
  const min = t('audiences.ops.min');
  const max = t('audiences.ops.max');
  const number = (
    label: string,
    value: number | undefined,
    change: (n: number | undefined) => void,
    scale = 1,
  ) => (
    <InputNumber
      aria-label={label}
      placeholder={label}
      min={0}
      value={value === undefined ? null : value / scale}
      onChange={(n) => change(n === null ? undefined : Math.round(n * scale))}
      prefix={<Typography.Text type="secondary">{label}</Typography.Text>}
      style={{ width: 150 }}
    />
  );
  // A minimum and a maximum; `scale` 100 enters yuan for fen.
  const range = <C extends Condition & { min?: number; max?: number }>(condition: C, scale = 1) => (
    <Space>
      {number(min, condition.min, (n) => onChange(set(condition, 'min', n)), scale)}
      {number(max, condition.max, (n) => onChange(set(condition, 'max', n)), scale)}
    </Space>
  );
  switch (c.type) {
    case 'orderCount':
    case 'daysSinceLastOrder':
    case 'age':
      return range(c);
    case 'totalSpent':
      return range(c, 100); // entered in yuan, sent in fen
    case 'firstOrderDate':
    case 'lastOrderDate':
      return (
        <Space wrap>
          <DateBoundInput
            label={t('audiences.ops.from')}
            value={c.from}
            onChange={(b) => onChange(set(c, 'from', b))}
          />
          <DateBoundInput
            label={t('audiences.ops.to')}
            value={c.to}
            onChange={(b) => onChange(set(c, 'to', b))}
          />
        </Space>
      );
    case 'region':
      return (
        <Space wrap>
          {tagsSelect(
            t('audiences.ops.provinces'),
            c.provinces,
            (v) => onChange(set(c, 'provinces', v.length ? v : undefined)),
            t('audiences.ops.values'),
          )}
          {tagsSelect(
            t('audiences.ops.cities'),
            c.cities,
            (v) => onChange(set(c, 'cities', v.length ? v : undefined)),
            t('audiences.ops.values'),
          )}
        </Space>
      );
    case 'occupation':
    case 'creditLevel':
      return tagsSelect(
        t(`audiences.fields.${c.type}`),
        c.in,
        (v) => onChange({ ...c, in: v }),
        t('audiences.ops.values'),
      );
    case 'tag':
      return (
        <Space>
          <Select
            aria-label={t('audiences.ops.has')}
            value={c.has === false ? 'no' : 'yes'}
            onChange={(v) => onChange({ ...c, has: v === 'yes' })}
            options={[
              { value: 'yes', label: t('audiences.ops.has') },
              { value: 'no', label: t('audiences.ops.hasNot') },
            ]}
            style={{ width: 140 }}
          />
          <Input
            aria-label={t('audiences.fields.tag')}
            value={c.tag}
            onChange={(e) => onChange({ ...c, tag: e.target.value })}
            style={{ width: 180 }}
          />
        </Space>
      );
    case 'consent':
      return (
        <Space>
          {choice(
            t('audiences.fields.consent'),
            c.channel,
            consentChannelList,
            (v) => t(`audiences.consentChannels.${v}`),
            (channel) => onChange({ ...c, channel }),
            120,
          )}
          {choice(
            t('audiences.ops.unknown'),
            c.is,
            ['allowed', 'refused', 'unknown'] as const,
            (v) => t(`audiences.ops.${v}`),
            (is) => onChange({ ...c, is }),
            110,
          )}
        </Space>
      );
    case 'gender':
      return choice(
        t('audiences.fields.gender'),
        c.is,
        ['female', 'male', 'unknown'] as const,
        (v) => t(`audiences.ops.${v}`),
        (is) => onChange({ ...c, is }),
        120,
      );
    case 'segment':
      return choices(
        t('audiences.fields.segment'),
        c.in,
        segmentList,
        (v) => t(`analytics.segmentsCn.${v}`),
        (values) => onChange({ ...c, in: values }),
        260,
      );
    case 'lifecycle':
      return choices(
        t('audiences.fields.lifecycle'),
        c.in,
        lifecycleList,
        (v) => t(`analytics.lifecycle.states.${v}`),
        (values) => onChange({ ...c, in: values }),
        220,
      );
    case 'core':
      return <Typography.Text type="secondary">{t('audiences.ops.coreHint')}</Typography.Text>;
    case 'rfm':
      return (
        <Space>
          {choice(
            t('audiences.ops.score'),
            c.score,
            ['r', 'f', 'm'] as const,
            (v) => v.toUpperCase(),
            (score) => onChange({ ...c, score }),
            70,
          )}
          {range(c)}
        </Space>
      );
    case 'prediction':
      return (
        <Space wrap>
          {choice(
            t('audiences.fields.prediction'),
            c.field,
            predictionFieldList,
            (v) => t(`audiences.predictionFields.${v}`),
            (field) => onChange({ ...c, field }),
            220,
          )}
          <InputNumber
            aria-label={t('audiences.ops.gte')}
            placeholder={t('audiences.ops.gte')}
            min={0}
            value={c.gte ?? null}
            onChange={(n) => onChange(set(c, 'gte', n ?? undefined))}
          />
          <InputNumber
            aria-label={t('audiences.ops.lt')}
            placeholder={t('audiences.ops.lt')}
            min={0}
            value={c.lt ?? null}
            onChange={(n) => onChange(set(c, 'lt', n ?? undefined))}
          />
        </Space>
      );
    case 'percentile':
      return (
        <Space>
          {choice(
            t('audiences.ops.of'),
            c.of,
            ['clv', 'potential'] as const,
            (v) => t(`audiences.ops.${v}`),
            (of) => onChange({ ...c, of }),
            180,
          )}
          {number(t('audiences.ops.top'), c.top, (n) =>
            onChange({ ...c, top: Math.min(100, Math.max(1, n ?? 1)) }),
          )}
        </Space>
      );
    case 'bought':
    case 'neverBought':
      return (
        <Space wrap>
          {tagsSelect(
            t('audiences.ops.categories'),
            c.categories,
            (v) => onChange({ ...c, categories: v }),
            t('audiences.ops.values'),
          )}
          <DateBoundInput
            label={t('audiences.ops.from')}
            value={c.from}
            onChange={(b) => onChange(set(c, 'from', b))}
          />
          <DateBoundInput
            label={t('audiences.ops.to')}
            value={c.to}
            onChange={(b) => onChange(set(c, 'to', b))}
          />
          {c.type === 'bought' &&
            number(t('audiences.ops.atLeast'), c.atLeast, (n) => onChange(set(c, 'atLeast', n)))}
        </Space>
      );
    case 'messaged':
      return (
        <Space>
          <Input
            aria-label={t('messaging.log.filters.channel')}
            placeholder={t('audiences.ops.anyChannel')}
            value={c.channel ?? ''}
            onChange={(e) => onChange(set(c, 'channel', e.target.value || undefined))}
            style={{ width: 140 }}
          />
          {number(t('audiences.ops.withinDays'), c.withinDays, (n) =>
            onChange({ ...c, withinDays: Math.max(1, n ?? 1) }),
          )}
        </Space>
      );
    case 'audience':
      return (
        <Select
          aria-label={t('audiences.fields.audience')}
          value={c.id}
          onChange={(id) => onChange({ ...c, id })}
          options={audiences.map((a) => ({ value: a.id, label: a.name }))}
          style={{ minWidth: 200 }}
        />
      );
    case 'afterSales':
      return (
        <Space wrap>
          {choice(
            t('audiences.ops.caseStatus'),
            c.open === undefined ? 'any' : c.open ? 'open' : 'resolved',
            ['open', 'resolved', 'any'] as const,
            (v) => t(`audiences.ops.cases.${v}`),
            (v) => onChange(set(c, 'open', v === 'any' ? undefined : v === 'open')),
            150,
          )}
          {choices(
            t('audiences.ops.caseKinds'),
            c.kinds,
            caseKindList,
            (v) => t(`customers.afterSales.kinds.${v}`),
            (kinds) => onChange(set(c, 'kinds', kinds.length ? kinds : undefined)),
            200,
            t('audiences.ops.anyKind'),
          )}
          {number(t('audiences.ops.openedWithinDays'), c.withinDays, (n) =>
            onChange(set(c, 'withinDays', n === undefined ? undefined : Math.max(1, n))),
          )}
        </Space>
      );
    case 'answeredCampaign':
      return (
        <Space wrap>
          <CampaignPicker value={c.campaigns} onChange={(ids) => onChange(set(c, 'campaigns', ids))} />
          {number(t('audiences.ops.sentWithinDays'), c.withinDays, (n) =>
            onChange(set(c, 'withinDays', n === undefined ? undefined : Math.max(1, n))),
          )}
        </Space>
      );
    case 'tier':
      return <TierSelect value={c.in} onChange={(values) => onChange({ ...c, in: values })} />;
    case 'tierChanged':
      return (
        <Space wrap>
          {choice(
            t('loyalty.tiers.movement'),
            c.direction ?? 'either',
            ['up', 'down', 'either'] as const,
            (v) =>
              v === 'either'
                ? `${t('loyalty.tiers.up')} / ${t('loyalty.tiers.down')}`
                : t(`loyalty.tiers.${v}`),
            (direction) => onChange(set(c, 'direction', direction === 'either' ? undefined : direction)),
            120,
          )}
          {number(t('audiences.ops.withinDays'), c.withinDays, (n) =>
            onChange({ ...c, withinDays: Math.max(1, n ?? 1) }),
          )}
        </Space>
      );
    default:
      return <JsonEditor condition={c} onChange={onChange} />;
  }
}

/** The store's sent campaigns to choose from; none chosen means any campaign. */
function CampaignPicker({
  value,
  onChange,
}: {
  readonly value: readonly number[] | undefined;
  readonly onChange: (ids: number[] | undefined) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  // Only staff may list campaigns; others still count "any campaign".
  const campaigns = useCampaigns(store.id, can(store.role, 'campaigns.manage'));
  const sent = (campaigns.data ?? []).filter((campaign) => campaign.frozenAt !== null);
  return (
    <Select
      mode="multiple"
      aria-label={t('audiences.ops.campaigns')}
      placeholder={t('audiences.ops.anyCampaign')}
      loading={campaigns.isLoading}
      value={value ? [...value] : []}
      onChange={(ids: number[]) => onChange(ids.length ? ids : undefined)}
      options={sent.map((campaign) => ({ value: campaign.id, label: campaign.name }))}
      optionFilterProp="label"
      style={{ minWidth: 240 }}
    />
  );
}

/** A condition as JSON text; applied when it parses and keeps its type. */
function JsonEditor({ condition, onChange }: Omit<EditorProps, 'audiences'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(condition));
  const [invalid, setInvalid] = useState(false);
  return (
    <Space direction="vertical" style={{ width: 360 }}>
      <Input.TextArea
        aria-label={t('audiences.builder.json')}
        autoSize
        value={text}
        status={invalid ? 'error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value) as Condition;
            const ok = typeof parsed === 'object' && parsed !== null && parsed.type === condition.type;
            setInvalid(!ok);
            if (ok) onChange(parsed);
          } catch {
            setInvalid(true); // not JSON yet: the user is still typing
          }
        }}
      />
      {invalid && <Typography.Text type="danger">{t('audiences.builder.jsonInvalid')}</Typography.Text>}
    </Space>
  );
}
