import { AimOutlined, HeartOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useStore } from '../../../session/use-session';
import { Panel } from '../../analytics/components/Panel';
import { type PredictionTarget, targetPath } from '../targets';

/** The two lists worth acting on, each a link to the customer list filtered to it. */
export function TargetLinks() {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const targets: readonly { key: PredictionTarget; icon: React.ReactNode; label: string; hint: string }[] = [
    {
      key: 'winBack',
      icon: <AimOutlined />,
      label: t('predictions.targets.winBack'),
      hint: t('predictions.targets.winBackHint'),
    },
    {
      key: 'active',
      icon: <HeartOutlined />,
      label: t('predictions.targets.active'),
      hint: t('predictions.targets.activeHint'),
    },
  ];
  // A real link (it opens in a new tab too); a plain click stays in the app.
  const follow = (path: string) => (event: MouseEvent<HTMLElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(path);
  };
  return (
    <Panel title={t('predictions.targets.title')}>
      <Flex vertical gap={20}>
        {targets.map((target) => {
          const path = targetPath(store.id, target.key);
          return (
            <Flex key={target.key} vertical gap={6} align="flex-start">
              <Button href={path} icon={target.icon} onClick={follow(path)}>
                {target.label}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {target.hint}
              </Typography.Text>
            </Flex>
          );
        })}
      </Flex>
    </Panel>
  );
}
