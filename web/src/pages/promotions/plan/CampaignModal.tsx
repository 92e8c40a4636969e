import { DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { instantOfPicked, pickerValueOf } from '../../../format/picker-time';
import { dayKey, instantOfWallClock } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import { useAudiences } from '../../audiences/api';
import { useTemplates } from '../../messaging/api';
import { usePlanMutations } from '../api';
import { type Phase, type Plan, type PlanCampaign, type PlanCampaignInput, phaseKeys } from '../types';

interface CampaignForm {
  phase: Phase;
  title?: string;
  audienceId: number;
  channel: string;
  templateId: number;
  when: 'now' | 'at';
  at?: Dayjs;
  controlSharePercent: number;
}

/** 10:00 store time on a phase's first day: the default send time of a phase's campaign. */
function phaseStart(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return instantOfWallClock(
    { year: year ?? 1970, month: month ?? 1, day: day ?? 1, hour: 10, minute: 0, second: 0 },
    timeZone,
  );
}

/**
 * "Create a campaign for this phase": a saved audience, a channel and one of its templates, when
 * to send and the control share; the server makes a draft campaign and the phase's linked task.
 */
export function CampaignModal({
  plan,
  open,
  onClose,
}: {
  readonly plan: Plan;
  readonly open: boolean;
  readonly onClose: (created: PlanCampaign | null) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const notifyError = useNotifyError();
  const audiences = useAudiences(store.id);
  const templates = useTemplates(store.id);
  const mutations = usePlanMutations(store.id, plan.id);
  const [form] = Form.useForm<CampaignForm>();
  const phase = Form.useWatch('phase', form) ?? 'warmup';
  const channel = Form.useWatch('channel', form);
  const when = Form.useWatch('when', form) ?? 'now';

  const channels = useMemo(
    () => [...new Set((templates.data ?? []).map((template) => template.channel))],
    [templates.data],
  );
  useEffect(() => {
    if (!open) return;
    // The phase running now or next; the warm-up once the plan is over (a plan made ahead of time).
    const today = dayKey(Date.now(), store.timeZone);
    const phase = plan.phases.find((p) => p.to >= today)?.phase ?? 'warmup';
    form.setFieldsValue({ phase, when: 'now', controlSharePercent: 10, title: undefined });
  }, [open, form, plan.phases, store.timeZone]);
  useEffect(() => {
    if (open && channel === undefined && channels[0]) form.setFieldValue('channel', channels[0]);
  }, [open, channel, channels, form]);
  // The phase's first audience, as the plan aims it, until the user picks another.
  useEffect(() => {
    if (!open || form.isFieldTouched('audienceId')) return;
    const aimed = plan.phases.find((p) => p.phase === phase)?.audiences[0]?.id;
    form.setFieldValue('audienceId', aimed);
  }, [open, phase, plan.phases, form]);

  const save = (values: CampaignForm) => {
    const window = plan.phases.find((p) => p.phase === values.phase);
    const at = values.at
      ? instantOfPicked(values.at, store.timeZone)
      : phaseStart(window?.from ?? '', store.timeZone);
    mutations.campaign.mutate(
      {
        phase: values.phase,
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
        audienceId: values.audienceId,
        channel: values.channel as PlanCampaignInput['channel'],
        templateId: values.templateId,
        schedule: values.when === 'now' ? { kind: 'now' } : { kind: 'at', at },
        controlShare: values.controlSharePercent / 100,
      },
      { onSuccess: (created) => onClose(created), onError: notifyError },
    );
  };

  return (
    <Modal
      open={open}
      title={t('promotions.campaignModal.title')}
      okText={t('promotions.campaignModal.create')}
      cancelText={t('promotions.campaignModal.cancel')}
      confirmLoading={mutations.campaign.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(null)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('promotions.campaignModal.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="phase" label={t('promotions.campaignModal.phase')}>
          <Select options={phaseKeys.map((value) => ({ value, label: t(`promotions.phases.${value}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('promotions.campaignModal.name')}>
          <Input
            maxLength={80}
            placeholder={t('promotions.campaignModal.namePlaceholder', {
              name: `${plan.eventName.zh} ${plan.year} ${t(`promotions.phases.${phase}`, { lng: 'zh-CN' })}`,
            })}
          />
        </Form.Item>
        <Form.Item
          name="audienceId"
          label={t('promotions.campaignModal.audience')}
          rules={[{ required: true, message: t('promotions.campaignModal.audienceRequired') }]}
          extra={audiences.data?.length === 0 ? t('promotions.campaignModal.noAudiences') : undefined}
        >
          <Select
            loading={audiences.isLoading}
            options={(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('promotions.campaignModal.channel')}>
          <Select
            options={channels.map((value) => ({ value, label: t(`messaging.channels.${value}`) }))}
            onChange={() => form.setFieldValue('templateId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('promotions.campaignModal.template')}
          rules={[{ required: true, message: t('promotions.campaignModal.templateRequired') }]}
        >
          <Select
            loading={templates.isLoading}
            options={(templates.data ?? [])
              .filter((template) => template.channel === channel)
              .map((template) => ({ value: template.id, label: template.name }))}
          />
        </Form.Item>
        <Form.Item name="when" label={t('promotions.campaignModal.schedule')}>
          <Segmented
            options={(['now', 'at'] as const).map((value) => ({
              value,
              label: t(`promotions.campaignModal.${value}`),
            }))}
            onChange={(value) => {
              if (value === 'at' && !form.getFieldValue('at')) {
                const from = plan.phases.find((p) => p.phase === phase)?.from ?? '';
                form.setFieldValue('at', pickerValueOf(phaseStart(from, store.timeZone), store.timeZone));
              }
            }}
          />
        </Form.Item>
        {when === 'at' && (
          <Form.Item name="at" label={t('promotions.campaignModal.sendAt', { zone: store.timeZone })}>
            <DatePicker showTime allowClear={false} />
          </Form.Item>
        )}
        <Form.Item name="controlSharePercent" label={t('promotions.campaignModal.controlShare')}>
          <InputNumber min={0} max={50} precision={0} addonAfter="%" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
