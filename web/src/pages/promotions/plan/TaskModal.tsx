import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useGiftPlans } from '../../loyalty/gifts/api';
import { useMembers } from '../../settings/api';
import { usePlanMutations } from '../api';
import { type Plan, phaseKeys, type Task, taskKinds, taskStatuses } from '../types';

interface TaskForm {
  phase: Task['phase'];
  kind: Task['kind'];
  title: string;
  ownerUserId: number | null;
  dueDate: Dayjs;
  status: Task['status'];
  campaignId: number | null;
  couponBatchId: number | null;
  giftPlanId: number | null;
}

/** Adds a task to the plan or edits one: phase, kind, title, owner, due date, status, links. */
export function TaskModal({
  plan,
  editing,
  open,
  onClose,
}: {
  readonly plan: Plan;
  readonly editing: Task | null;
  readonly open: boolean;
  readonly onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const notifyError = useNotifyError();
  const members = useMembers(store.id);
  const giftPlans = useGiftPlans(store.id);
  const mutations = usePlanMutations(store.id, plan.id);
  const [form] = Form.useForm<TaskForm>();

  // A gift plan made in 客户关怀 since the page opened is offered too.
  const refetchGiftPlans = giftPlans.refetch;
  useEffect(() => {
    if (open) void refetchGiftPlans();
  }, [open, refetchGiftPlans]);

  useEffect(() => {
    if (!open) return;
    const task = editing;
    const phase = task?.phase ?? 'warmup';
    form.setFieldsValue({
      phase,
      kind: task?.kind ?? 'other',
      title: task?.title ?? '',
      ownerUserId: task?.ownerUserId ?? null,
      dueDate: dayjs(task?.dueDate ?? plan.phases.find((p) => p.phase === phase)?.from),
      status: task?.status ?? 'todo',
      campaignId: task?.campaignId ?? null,
      couponBatchId: task?.couponBatchId ?? null,
      giftPlanId: task?.giftPlanId ?? null,
    });
  }, [open, editing, form, plan.phases]);

  const save = (values: TaskForm) => {
    const input = {
      phase: values.phase,
      kind: values.kind,
      title: values.title.trim(),
      ownerUserId: values.ownerUserId ?? null,
      dueDate: values.dueDate.format('YYYY-MM-DD'),
      status: values.status,
      campaignId: values.campaignId ?? null,
      couponBatchId: values.couponBatchId ?? null,
      giftPlanId: values.giftPlanId ?? null,
    };
    const done = { onSuccess: () => onClose(true), onError: notifyError };
    if (editing) mutations.updateTask.mutate({ id: editing.id, ...input }, done);
    else mutations.addTask.mutate(input, done);
  };

  return (
    <Modal
      open={open}
      title={t(editing ? 'promotions.taskModal.editTitle' : 'promotions.taskModal.createTitle')}
      okText={t('promotions.taskModal.save')}
      cancelText={t('promotions.taskModal.cancel')}
      confirmLoading={mutations.addTask.isPending || mutations.updateTask.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="phase" label={t('promotions.phasesTab.phase')}>
          <Select options={phaseKeys.map((value) => ({ value, label: t(`promotions.phases.${value}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('promotions.phasesTab.kind')}>
          <Select options={taskKinds.map((value) => ({ value, label: t(`promotions.kinds.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('promotions.phasesTab.taskTitle')}
          rules={[{ required: true, whitespace: true, message: t('promotions.taskModal.titleRequired') }]}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('promotions.phasesTab.owner')}>
          <Select
            allowClear
            placeholder={t('promotions.phasesTab.noOwner')}
            loading={members.isLoading}
            options={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName || m.login }))}
          />
        </Form.Item>
        <Form.Item
          name="dueDate"
          label={t('promotions.phasesTab.dueDate')}
          rules={[{ required: true, message: t('promotions.taskModal.dueRequired') }]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="status" label={t('promotions.phasesTab.status')}>
          <Select
            options={taskStatuses.map((value) => ({ value, label: t(`promotions.statuses.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="campaignId" label={t('promotions.taskModal.campaignId')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="couponBatchId" label={t('promotions.taskModal.couponBatchId')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="giftPlanId"
          label={t('promotions.taskModal.giftPlanId')}
          extra={t('promotions.taskModal.giftPlanHint')}
        >
          <Select
            allowClear
            placeholder={t('promotions.taskModal.noGiftPlan')}
            loading={giftPlans.isLoading}
            options={(giftPlans.data ?? []).map((g) => ({
              value: g.id,
              label: t('promotions.taskModal.giftOption', {
                name: g.name,
                occasion: t(`gifts.occasions.${g.occasion}`),
                status: t(`promotions.taskModal.giftStatus.${g.status}`),
              }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
