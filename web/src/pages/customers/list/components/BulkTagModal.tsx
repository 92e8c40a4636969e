import { Alert, App, Form, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../api/error-text';
import { formatCount } from '../../../../format/number';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useBulkTag, useTagCounts } from '../../api';
import type { CustomerFilters } from '../filters';
import { filterParams } from '../filters';

type Target = 'selection' | 'filter';

interface BulkTagValues {
  readonly target: Target;
  readonly add?: string[];
  readonly remove?: string[];
}

interface BulkTagModalProps {
  readonly open: boolean;
  readonly selected: readonly number[];
  readonly filters: CustomerFilters;
  /** How many customers the filters match, as the list counted them. */
  readonly matching: string;
  readonly onClose: () => void;
  readonly onDone: () => void;
}

const clean = (tags: readonly string[] | undefined) => [
  ...new Set((tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== '')),
];

// The filter as the API's bulk body takes it: the list's query fields, empty ones left out.
function filterBody(filters: CustomerFilters): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(filterParams(filters)).filter(
      (entry): entry is [string, string | number] => entry[1] !== undefined,
    ),
  );
}

/** Adds and removes tags for the selected customers, or for every customer the filters match. */
export function BulkTagModal({ open, selected, filters, matching, onClose, onDone }: BulkTagModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const language = currentLanguage();
  const tags = useTagCounts(store.id);
  const bulk = useBulkTag(store.id);
  const [form] = Form.useForm<BulkTagValues>();
  const failure = bulk.isError ? errorText(bulk.error, t, language) : undefined;
  const options = (tags.data ?? []).map((entry) => ({ value: entry.tag, label: entry.tag }));

  const close = () => {
    bulk.reset();
    onClose();
  };
  const submit = (values: BulkTagValues) => {
    const add = clean(values.add);
    const remove = clean(values.remove);
    const target = values.target === 'selection' ? { ids: selected } : { filter: filterBody(filters) };
    bulk.mutate(
      { add, remove, ...target },
      {
        onSuccess: (answer) => {
          void message.success(
            t('customers.bulk.done', { count: answer.affected, n: formatCount(answer.affected, language) }),
          );
          onDone();
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('customers.bulk.title')}
      okText={t('customers.bulk.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={bulk.isPending}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<BulkTagValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ target: selected.length > 0 ? 'selection' : 'filter', add: [], remove: [] }}
        onFinish={submit}
      >
        <Form.Item label={t('customers.bulk.target')} name="target">
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            options={[
              {
                value: 'selection',
                disabled: selected.length === 0,
                label: t('customers.bulk.selection', {
                  count: selected.length,
                  n: formatCount(selected.length, language),
                }),
              },
              { value: 'filter', label: t('customers.bulk.filter', { n: matching }) },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('customers.bulk.add')}
          name="add"
          rules={[
            {
              validator: async () => {
                const values = form.getFieldsValue();
                if (clean(values.add).length + clean(values.remove).length === 0)
                  throw new Error(t('customers.bulk.needTag'));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            maxCount={20}
            options={options}
            placeholder={t('customers.edit.tagsPlaceholder')}
          />
        </Form.Item>
        <Form.Item label={t('customers.bulk.remove')} name="remove">
          <Select
            mode="tags"
            maxCount={20}
            options={options}
            placeholder={t('customers.edit.tagsPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
