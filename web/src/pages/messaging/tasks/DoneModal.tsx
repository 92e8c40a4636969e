import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../../components/use-notify-error';
import { useStore } from '../../../session/use-session';
import { useUpdateTask } from '../api';
import { taskOutcomes } from '../labels';
import type { Task, TaskOutcome } from '../types';

interface DoneValues {
  outcome: TaskOutcome;
  note?: string;
}

/** Marks a task done with how the contact went. */
export function DoneModal({
  task,
  onClose,
}: {
  readonly task: Task | undefined;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const update = useUpdateTask(store.id);
  const [form] = Form.useForm<DoneValues>();
  const outcome = t('messaging.tasks.outcome');

  const submit = (values: DoneValues) => {
    if (!task) return;
    update.mutate(
      {
        id: task.id,
        update: {
          status: 'done',
          outcome: values.outcome,
          ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('messaging.tasks.doneNotice'));
          onClose();
        },
        onError: notifyError,
      },
    );
  };

  return (
    <Modal
      open={task !== undefined}
      title={t('messaging.tasks.doneTitle')}
      okText={t('messaging.tasks.done')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DoneValues> form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item
          name="outcome"
          label={outcome}
          rules={[{ required: true, message: t('common.required', { field: outcome }) }]}
        >
          <Select
            options={taskOutcomes.map((value) => ({ value, label: t(`messaging.tasks.outcomes.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('messaging.tasks.note')}>
          <Input.TextArea rows={3} maxLength={2_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
