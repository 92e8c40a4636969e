import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Radio, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { minorUnitsPerMajor } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { type Draft, type DraftTier, newKey } from './draft';

// The rules: what tiers are measured by, over which period, and each tier's thresholds, discount
// and benefits. Chinese operators give a discount as 折 (9.5); English ones as the price paid (95%).

interface SchemeEditorProps {
  readonly draft: Draft;
  readonly onChange: (draft: Draft) => void;
  readonly editable: boolean;
}

export function SchemeEditor({ draft, onChange, editable }: SchemeEditorProps) {
  const { t } = useTranslation();
  const store = useStore();
  const perMajor = minorUnitsPerMajor(store.currency);
  const discountScale = currentLanguage() === 'zh-CN' ? 10 : 1;
  const setTier = (key: string, change: Partial<DraftTier>) =>
    onChange({
      ...draft,
      tiers: draft.tiers.map((tier) => (tier.key === key ? { ...tier, ...change } : tier)),
    });
  const last = draft.tiers.at(-1);
  const addTier = () =>
    onChange({
      ...draft,
      tiers: [
        ...draft.tiers,
        {
          key: newKey(),
          name: '',
          minSpent: (last?.minSpent ?? 0) * 2 || 100_000,
          minOrders: (last?.minOrders ?? 0) + 2,
          pricePercent: 100,
          benefits: '',
        },
      ],
    });
  return (
    <Flex vertical gap={12}>
      <Flex gap={24} wrap align="center">
        <span>
          <Typography.Text strong>{t('loyalty.tiers.basis')}</Typography.Text>{' '}
          <Radio.Group
            aria-label={t('loyalty.tiers.basis')}
            disabled={!editable}
            value={draft.basis}
            onChange={(event) => onChange({ ...draft, basis: event.target.value })}
            options={(['spend', 'orders', 'both'] as const).map((value) => ({
              value,
              label: t(`loyalty.tiers.bases.${value}`),
            }))}
            optionType="button"
          />
        </span>
        <span>
          <Typography.Text strong>{t('loyalty.tiers.period')}</Typography.Text>{' '}
          <Tooltip title={t('loyalty.tiers.periodHint')}>
            <Radio.Group
              aria-label={t('loyalty.tiers.period')}
              disabled={!editable}
              value={draft.period}
              onChange={(event) => onChange({ ...draft, period: event.target.value })}
              options={(['all', '12m'] as const).map((value) => ({
                value,
                label: t(`loyalty.tiers.periods.${value}`),
              }))}
              optionType="button"
            />
          </Tooltip>
        </span>
      </Flex>
      <Table<DraftTier>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={[...draft.tiers]}
        columns={[
          {
            title: t('loyalty.tiers.name'),
            render: (_, tier, index) => (
              <Input
                aria-label={`${t('loyalty.tiers.name')} ${index + 1}`}
                disabled={!editable}
                value={tier.name}
                maxLength={30}
                status={tier.name.trim() === '' ? 'error' : undefined}
                onChange={(event) => setTier(tier.key, { name: event.target.value })}
                style={{ width: 110 }}
              />
            ),
          },
          ...(draft.basis === 'orders'
            ? []
            : [
                {
                  title: t('loyalty.tiers.minSpent'),
                  render: (_: unknown, tier: DraftTier, index: number) => (
                    <InputNumber
                      aria-label={`${t('loyalty.tiers.minSpent')} ${index + 1}`}
                      disabled={!editable}
                      min={0}
                      value={tier.minSpent / perMajor}
                      onChange={(n) => setTier(tier.key, { minSpent: Math.round((n ?? 0) * perMajor) })}
                      style={{ width: 130 }}
                    />
                  ),
                },
              ]),
          ...(draft.basis === 'spend'
            ? []
            : [
                {
                  title: t('loyalty.tiers.minOrders'),
                  render: (_: unknown, tier: DraftTier, index: number) => (
                    <InputNumber
                      aria-label={`${t('loyalty.tiers.minOrders')} ${index + 1}`}
                      disabled={!editable}
                      min={0}
                      precision={0}
                      value={tier.minOrders}
                      onChange={(n) => setTier(tier.key, { minOrders: n ?? 0 })}
                      style={{ width: 100 }}
                    />
                  ),
                },
              ]),
          {
            title: <Tooltip title={t('loyalty.tiers.discountHint')}>{t('loyalty.tiers.discount')}</Tooltip>,
            render: (_, tier, index) => (
              <InputNumber
                aria-label={`${t('loyalty.tiers.discount')} ${index + 1}`}
                disabled={!editable}
                min={1 / discountScale}
                max={100 / discountScale}
                step={discountScale === 10 ? 0.1 : 1}
                value={tier.pricePercent / discountScale}
                onChange={(n) =>
                  setTier(tier.key, { pricePercent: Math.round((n ?? 100 / discountScale) * discountScale) })
                }
                suffix={t('loyalty.tiers.discountSuffix')}
                style={{ width: 100 }}
              />
            ),
          },
          {
            title: t('loyalty.tiers.benefits'),
            render: (_, tier, index) => (
              <Input
                aria-label={`${t('loyalty.tiers.benefits')} ${index + 1}`}
                disabled={!editable}
                value={tier.benefits}
                maxLength={500}
                onChange={(event) => setTier(tier.key, { benefits: event.target.value })}
              />
            ),
          },
          ...(editable
            ? [
                {
                  title: '',
                  width: 48,
                  render: (_: unknown, tier: DraftTier) => (
                    <Button
                      type="text"
                      aria-label={t('loyalty.tiers.removeTier')}
                      icon={<DeleteOutlined />}
                      disabled={draft.tiers.length === 1}
                      onClick={() =>
                        onChange({ ...draft, tiers: draft.tiers.filter((x) => x.key !== tier.key) })
                      }
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && draft.tiers.length < 10 && (
        <Button icon={<PlusOutlined />} onClick={addTier} style={{ alignSelf: 'flex-start' }}>
          {t('loyalty.tiers.addTier')}
        </Button>
      )}
    </Flex>
  );
}
