import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useDebounced } from '../../../components/use-debounced';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount } from '../../../format/number';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useTierMutations, useTierPreview, useTierScheme } from '../api';
import { LoyaltyNav } from '../LoyaltyNav';
import type { ApplySummary } from '../types';
import { ChangesTable } from './ChangesTable';
import { type Draft, draftOf, inputOf, startingDraft } from './draft';
import { MovementCard } from './MovementCard';
import { SchemeEditor } from './SchemeEditor';
import { WhatIfPanel } from './WhatIfPanel';

/** 会员等级: the rules with a live what-if, the distribution and movement charts, recent changes. */
export default function TiersPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const scheme = useTierScheme(store.id);
  const mutations = useTierMutations(store.id);
  const editable = can(store.role, 'loyalty.manage');
  const [draft, setDraft] = useState<Draft | null>(null);
  // The saved scheme becomes the draft when it loads (and again after a save).
  useEffect(() => {
    if (scheme.data !== undefined)
      setDraft(
        scheme.data
          ? draftOf(scheme.data)
          : startingDraft([
              t('loyalty.tiers.defaults.first'),
              t('loyalty.tiers.defaults.second'),
              t('loyalty.tiers.defaults.third'),
            ]),
      );
  }, [scheme.data, t]);
  const input = useMemo(() => (draft ? inputOf(draft) : null), [draft]);
  const asked = useDebounced(input, 400);
  const preview = useTierPreview(store.id, editable ? asked : null);

  const done = (key: 'saved' | 'applied', summary: ApplySummary) =>
    void message.success(
      t(`loyalty.tiers.${key}`, {
        members: formatCount(summary.members, language),
        up: formatCount(summary.up, language),
        down: formatCount(summary.down, language),
      }),
    );

  if (scheme.isError)
    return (
      <>
        <PageHeader title={t('loyalty.tiers.title')} subtitle={t('loyalty.tiers.subtitle')} />
        <LoyaltyNav active="tiers" />
        <Card>
          <LoadError
            title={t('loyalty.tiers.loadFailed')}
            error={scheme.error}
            onRetry={() => void scheme.refetch()}
          />
        </Card>
      </>
    );

  const saved = scheme.data ?? null;
  return (
    <>
      <PageHeader
        title={t('loyalty.tiers.title')}
        subtitle={t('loyalty.tiers.subtitle')}
        extra={
          editable &&
          saved && (
            <Button
              icon={<SyncOutlined />}
              loading={mutations.apply.isPending}
              onClick={() =>
                mutations.apply.mutate(undefined, {
                  onSuccess: (s) => done('applied', s),
                  onError: notifyError,
                })
              }
            >
              {t('loyalty.tiers.apply')}
            </Button>
          )
        }
      />
      <LoyaltyNav active="tiers" />
      {!saved && !scheme.isLoading && (
        <Alert type="info" showIcon title={t('loyalty.tiers.empty')} style={{ marginBottom: 16 }} />
      )}
      {!editable && (
        <Alert type="info" showIcon title={t('loyalty.tiers.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={t('loyalty.tiers.scheme')}
            loading={draft === null}
            extra={
              <Typography.Text type="secondary">
                {saved?.appliedAt
                  ? t('loyalty.tiers.appliedAt', {
                      time: formatInstant(saved.appliedAt, store.timeZone, language),
                    })
                  : t('loyalty.tiers.neverApplied')}
              </Typography.Text>
            }
          >
            {draft && (
              <Flex vertical gap={16}>
                <SchemeEditor draft={draft} onChange={setDraft} editable={editable} />
                {editable && (
                  <Button
                    type="primary"
                    disabled={input === null}
                    loading={mutations.save.isPending}
                    onClick={() =>
                      input &&
                      mutations.save.mutate(input, {
                        onSuccess: (answer) => done('saved', answer.applied),
                        onError: notifyError,
                      })
                    }
                    style={{ alignSelf: 'flex-end' }}
                  >
                    {t('loyalty.tiers.save')}
                  </Button>
                )}
              </Flex>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <WhatIfPanel
            scheme={saved}
            preview={editable && input !== null ? preview.data : undefined}
            invalid={editable && draft !== null && input === null}
            loading={preview.isFetching}
          />
        </Col>
        <Col xs={24} xl={12}>
          <MovementCard />
        </Col>
        <Col xs={24} xl={12}>
          <ChangesTable />
        </Col>
      </Row>
    </>
  );
}
