import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useTierMovement } from '../api';
import { movementOption } from './options';

/** Ups and downs of the latest refreshes. */
export function MovementCard() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const movement = useTierMovement(store.id);
  const refreshes = movement.data?.refreshes;
  const option = useMemo(
    () =>
      movementOption(
        refreshes ?? [],
        (at) => formatInstant(at, store.timeZone, language),
        { up: t('loyalty.tiers.up'), down: t('loyalty.tiers.down') },
        language,
      ),
    [refreshes, store.timeZone, language, t],
  );
  return (
    <Card title={t('loyalty.tiers.movement')} loading={movement.isLoading}>
      {refreshes && refreshes.length > 0 ? (
        <EChart option={option} height={260} label={t('loyalty.tiers.movementLabel')} />
      ) : (
        <Empty description={t('loyalty.tiers.movementEmpty')} />
      )}
    </Card>
  );
}
