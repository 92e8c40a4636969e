import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../session/use-session';
import { useTierScheme } from '../../loyalty/api';

type TierValue = number | 'none';

/** The store's membership tiers (and "no tier") to pick for a `tier` condition. */
export function TierSelect({
  value,
  onChange,
}: {
  readonly value: readonly TierValue[];
  readonly onChange: (values: TierValue[]) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const scheme = useTierScheme(store.id);
  const options = [
    ...(scheme.data?.tiers ?? []).map((tier) => ({ value: tier.id as TierValue, label: tier.name })),
    { value: 'none' as TierValue, label: t('loyalty.tiers.none') },
  ];
  return (
    <Select
      mode="multiple"
      aria-label={t('audiences.fields.tier')}
      loading={scheme.isLoading}
      value={[...value]}
      onChange={onChange}
      options={options}
      style={{ minWidth: 220 }}
    />
  );
}
