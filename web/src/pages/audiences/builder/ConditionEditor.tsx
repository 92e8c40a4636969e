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
  switch (c.type) {
    case 'orderCount':
    case 'daysSinceLastOrder':
    case 'age':
      return (
        <Space>
          {number(min, c.min, (n) => onChange(set(c, 'min', n)))}
          {number(max, c.max, (n) => onChange(set(c, 'max', n)))}
        </Space>
      );
    case 'totalSpent':
      // Entered in yuan, sent in fen.
      return (
        <Space>
          {number(min, c.min, (n) => onChange(set(c, 'min', n)), 100)}
          {number(max, c.max, (n) => onChange(set(c, 'max', n)), 100)}
        </Space>
      );
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
          <Select
            aria-label={t('audiences.fields.consent')}
            value={c.channel}
            onChange={(channel) => onChange({ ...c, channel })}
            options={consentChannelList.map((value) => ({
              value,
              label: t(`audiences.consentChannels.${value}`),
            }))}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('audiences.ops.unknown')}
            value={c.is}
            onChange={(is) => onChange({ ...c, is })}
            options={(['allowed', 'refused', 'unknown'] as const).map((value) => ({
              value,
              label: t(`audiences.ops.${value}`),
            }))}
            style={{ width: 110 }}
          />
        </Space>
      );
    case 'gender':
      return (
        <Select
          aria-label={t('audiences.fields.gender')}
          value={c.is}
          onChange={(is) => onChange({ ...c, is })}
          options={(['female', 'male', 'unknown'] as const).map((value) => ({
            value,
            label: t(`audiences.ops.${value}`),
          }))}
          style={{ width: 120 }}
        />
      );
    case 'segment':
      return (
        <Select
          mode="multiple"
          aria-label={t('audiences.fields.segment')}
          value={[...c.in]}
          onChange={(values) => onChange({ ...c, in: values })}
          options={segmentList.map((value) => ({ value, label: t(`analytics.segmentsCn.${value}`) }))}
          style={{ minWidth: 260 }}
        />
      );
    case 'lifecycle':
      return (
        <Select
          mode="multiple"
          aria-label={t('audiences.fields.lifecycle')}
          value={[...c.in]}
          onChange={(values) => onChange({ ...c, in: values })}
          options={lifecycleList.map((value) => ({ value, label: t(`analytics.lifecycle.states.${value}`) }))}
          style={{ minWidth: 220 }}
        />
      );
    case 'core':
      return <Typography.Text type="secondary">{t('audiences.ops.coreHint')}</Typography.Text>;
    case 'rfm':
      return (
        <Space>
          <Select
            aria-label={t('audiences.ops.score')}
            value={c.score}
            onChange={(score) => onChange({ ...c, score })}
            options={(['r', 'f', 'm'] as const).map((value) => ({ value, label: value.toUpperCase() }))}
            style={{ width: 70 }}
          />
          {number(min, c.min, (n) => onChange(set(c, 'min', n)))}
          {number(max, c.max, (n) => onChange(set(c, 'max', n)))}
        </Space>
      );
    case 'prediction':
      return (
        <Space wrap>
          <Select
            aria-label={t('audiences.fields.prediction')}
            value={c.field}
            onChange={(field) => onChange({ ...c, field })}
            options={predictionFieldList.map((value) => ({
              value,
              label: t(`audiences.predictionFields.${value}`),
            }))}
            style={{ width: 220 }}
          />
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
          <Select
            aria-label={t('audiences.ops.of')}
            value={c.of}
            onChange={(of) => onChange({ ...c, of })}
            options={(['clv', 'potential'] as const).map((value) => ({
              value,
              label: t(`audiences.ops.${value}`),
            }))}
            style={{ width: 180 }}
          />
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
          <Select
            aria-label={t('audiences.ops.caseStatus')}
            value={c.open === undefined ? 'any' : c.open ? 'open' : 'resolved'}
            onChange={(v) => onChange(set(c, 'open', v === 'any' ? undefined : v === 'open'))}
            options={(['open', 'resolved', 'any'] as const).map((value) => ({
              value,
              label: t(`audiences.ops.cases.${value}`),
            }))}
            style={{ width: 150 }}
          />
          <Select
            mode="multiple"
            aria-label={t('audiences.ops.caseKinds')}
            placeholder={t('audiences.ops.anyKind')}
            value={c.kinds ? [...c.kinds] : []}
            onChange={(kinds) => onChange(set(c, 'kinds', kinds.length ? kinds : undefined))}
            options={caseKindList.map((value) => ({
              value,
              label: t(`customers.afterSales.kinds.${value}`),
            }))}
            style={{ minWidth: 200 }}
          />
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
          <Select<'up' | 'down' | 'either'>
            aria-label={t('loyalty.tiers.movement')}
            value={c.direction ?? 'either'}
            onChange={(direction) =>
              onChange(set(c, 'direction', direction === 'either' ? undefined : direction))
            }
            options={[
              { value: 'up', label: t('loyalty.tiers.up') },
              { value: 'down', label: t('loyalty.tiers.down') },
              { value: 'either', label: `${t('loyalty.tiers.up')} / ${t('loyalty.tiers.down')}` },
            ]}
            style={{ width: 120 }}
          />
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
