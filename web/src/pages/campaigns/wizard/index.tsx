import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Select, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useAudiences, useReadyMade } from '../../audiences/api';
import type { AudienceDefinition } from '../../audiences/types';
import { useCampaignMutations } from '../api';
import { CampaignActions } from '../CampaignActions';
import { campaignStatusColours } from '../labels';
import type { Campaign, Schedule } from '../types';
import { ConfirmStep } from './ConfirmStep';
import { ScheduleStep } from './ScheduleStep';
import { TemplateStep } from './TemplateStep';

export type AudienceChoice = { kind: 'saved'; id: number } | { kind: 'readyMade'; key: string };

export interface WizardState {
  readonly name: string;
  readonly audience: AudienceChoice | undefined;
  readonly templateId: number | undefined;
  readonly schedule: Schedule;
  /** Percent, as entered. */
  readonly controlPercent: number;
  /** A coupon batch: each target gets a code with the message. */
  readonly couponBatchId: number | undefined;
}

const DEFAULT_CONTROL_PERCENT = 10;

/** 新建营销活动: audience → template → schedule and control → confirm, then create and send. */
export default function CampaignWizardPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const audiences = useAudiences(store.id);
  const readyMade = useReadyMade(store.id);
  const { create, act } = useCampaignMutations(store.id);
  const [step, setStep] = useState(0);
  const [state, setState] = useState<WizardState>({
    name: '',
    audience: undefined,
    templateId: undefined,
    schedule: { kind: 'now' },
    controlPercent: DEFAULT_CONTROL_PERCENT,
    couponBatchId: undefined,
  });
  const [campaign, setCampaign] = useState<Campaign | undefined>();
  const update = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));

  const definition: AudienceDefinition | undefined =
    state.audience?.kind === 'saved'
      ? audiences.data?.find((a) => a.id === (state.audience as { id: number }).id)?.definition
      : readyMade.data?.find((r) => r.key === (state.audience as { key: string } | undefined)?.key)
          ?.definition;

  const ready = [
    state.name.trim() !== '' && definition !== undefined,
    state.templateId !== undefined,
    state.schedule.kind === 'now' ||
      (state.schedule.kind === 'at' && state.schedule.at > 0) ||
      (state.schedule.kind === 'window' && state.schedule.to > state.schedule.from),
    true,
  ];

  const submit = (send: boolean) => {
    if (!state.audience || state.templateId === undefined) return;
    const audience = state.audience.kind === 'saved' ? { audienceId: state.audience.id } : { definition };
    create.mutate(
      {
        name: state.name.trim(),
        ...audience,
        templateId: state.templateId,
        schedule: state.schedule,
        controlShare: state.controlPercent / 100,
        ...(state.couponBatchId === undefined ? {} : { couponBatchId: state.couponBatchId }),
      },
      {
        onSuccess: (created) => {
          void message.success(t('campaigns.wizard.created'));
          if (!send) return setCampaign(created);
          act.mutate(
            { id: created.id, action: 'send' },
            {
              onSuccess: (sent) => {
                if (sent.status !== 'awaiting_approval') void message.success(t('campaigns.wizard.sent'));
                setCampaign(sent);
              },
              onError: (error) => {
                setCampaign(created);
                notifyError(error);
              },
            },
          );
        },
        onError: notifyError,
      },
    );
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
      {t('campaigns.wizard.back')}
    </Button>
  );

  if (campaign)
    return (
      <>
        <PageHeader title={t('campaigns.wizard.title')} extra={back} />
        <Card>
          <Result
            status={campaign.status === 'awaiting_approval' ? 'warning' : 'success'}
            title={campaign.name}
            subTitle={
              <Flex vertical gap={8} align="center">
                <span>
                  {t('campaigns.wizard.status', { status: '' })}
                  <Tag color={campaignStatusColours[campaign.status]} data-testid="campaign-status">
                    {t(`campaigns.statuses.${campaign.status}`)}
                  </Tag>
                </span>
                {campaign.status === 'awaiting_approval' && (
                  <Alert type="warning" showIcon title={t('campaigns.wizard.awaiting')} />
                )}
              </Flex>
            }
            extra={
              <Flex gap={8} justify="center">
                <CampaignActions campaign={campaign} onDone={setCampaign} />
                <Button onClick={() => navigate(`../${campaign.id}`, { relative: 'path' })}>
                  {t('campaigns.list.results')}
                </Button>
              </Flex>
            }
          />
        </Card>
      </>
    );

  const steps = (['audience', 'template', 'schedule', 'confirm'] as const).map((key) => ({
    key,
    title: t(`campaigns.wizard.steps.${key}`),
  }));
  const audienceValue =
    state.audience === undefined
      ? undefined
      : state.audience.kind === 'saved'
        ? `saved:${state.audience.id}`
        : `ready:${state.audience.key}`;

  return (
    <>
      <PageHeader title={t('campaigns.wizard.title')} extra={back} />
      <Card>
        <Steps current={step} items={steps} style={{ marginBottom: 24 }} />
        {step === 0 && (
          <Form layout="vertical" style={{ maxWidth: 560 }}>
            <Form.Item label={t('campaigns.wizard.name')} required>
              <Input
                aria-label={t('campaigns.wizard.name')}
                value={state.name}
                maxLength={80}
                onChange={(e) => update({ name: e.target.value })}
              />
            </Form.Item>
            <Form.Item label={t('campaigns.wizard.pickAudience')} required>
              <Select
                aria-label={t('campaigns.wizard.pickAudience')}
                value={audienceValue}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(value: string) => {
                  const [kind, rest = ''] = value.split(/:(.*)/s);
                  update({
                    audience:
                      kind === 'saved'
                        ? { kind: 'saved', id: Number(rest) }
                        : { kind: 'readyMade', key: rest },
                  });
                }}
                options={[
                  {
                    label: t('campaigns.wizard.savedAudience'),
                    title: t('campaigns.wizard.savedAudience'),
                    options: (audiences.data ?? []).map((a) => ({ value: `saved:${a.id}`, label: a.name })),
                  },
                  {
                    label: t('campaigns.wizard.readyMade'),
                    title: t('campaigns.wizard.readyMade'),
                    options: (readyMade.data ?? []).map((r) => ({
                      value: `ready:${r.key}`,
                      label: r.name[language],
                    })),
                  },
                ]}
              />
            </Form.Item>
          </Form>
        )}
        {step === 1 && (
          <TemplateStep
            templateId={state.templateId}
            onChange={(templateId) => update({ templateId })}
            couponBatchId={state.couponBatchId}
            onCouponChange={(couponBatchId) => update({ couponBatchId })}
          />
        )}
        {step === 2 && <ScheduleStep state={state} onChange={update} />}
        {step === 3 && definition && state.templateId !== undefined && (
          <ConfirmStep state={state} definition={definition} templateId={state.templateId} />
        )}
        <Flex gap={8} style={{ marginTop: 24 }}>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('campaigns.wizard.previous')}</Button>}
          {step < 3 && (
            <Button type="primary" disabled={!ready[step]} onClick={() => setStep(step + 1)}>
              {t('campaigns.wizard.next')}
            </Button>
          )}
          {step === 3 && (
            <>
              <Button onClick={() => submit(false)} loading={create.isPending}>
                {t('campaigns.wizard.createDraft')}
              </Button>
              {can(store.role, 'campaigns.manage') && (
                <Button
                  type="primary"
                  onClick={() => submit(true)}
                  loading={create.isPending || act.isPending}
                >
                  {t('campaigns.wizard.createAndSend')}
                </Button>
              )}
            </>
          )}
        </Flex>
      </Card>
    </>
  );
}
