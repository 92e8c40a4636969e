import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Flex, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../../session/use-session';
import { usePreferenceKeys } from '../../api';
import type { EditValues, PreferenceRow } from '../edit-values';

const MAX_PREFERENCES = 50;

const matches = (input: string, option?: { value?: string }) =>
  (option?.value ?? '').toLowerCase().includes(input.trim().toLowerCase());

/** The preference editor: key and value rows, each suggesting what the store already uses. */
export function PreferenceFields() {
  const { t } = useTranslation();
  const store = useStore();
  const suggestions = usePreferenceKeys(store.id);
  const form = Form.useFormInstance<EditValues>();
  const rows = Form.useWatch('preferences', form) as readonly PreferenceRow[] | undefined;
  const keyOptions = (suggestions.data ?? []).map((entry) => ({ value: entry.key }));
  const valueOptions = (key: string | undefined) =>
    (suggestions.data ?? []).find((entry) => entry.key === key?.trim())?.values.map((value) => ({ value })) ??
    [];

  return (
    <Form.List
      name="preferences"
      rules={[
        {
          validator: async (_, value: readonly PreferenceRow[] | undefined) => {
            if ((value?.length ?? 0) > MAX_PREFERENCES) throw new Error(t('customers.edit.preferenceLimit'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start">
              <Form.Item
                name={[field.name, 'key']}
                style={{ flex: 2 }}
                rules={[
                  { required: true, whitespace: true, message: t('customers.edit.preferenceKeyRequired') },
                  { max: 30, message: t('customers.edit.tooLong', { n: 30 }) },
                  {
                    validator: async (_, key: string | undefined) => {
                      const name = key?.trim();
                      const same = (rows ?? []).filter((row) => row.key?.trim() === name).length;
                      if (name && same > 1) throw new Error(t('customers.edit.preferenceKeyTaken'));
                    },
                  },
                ]}
              >
                <AutoComplete
                  aria-label={t('customers.edit.preferenceKey')}
                  placeholder={t('customers.edit.preferenceKeyPlaceholder')}
                  options={keyOptions}
                  filterOption={matches}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'value']}
                style={{ flex: 3 }}
                rules={[{ max: 200, message: t('customers.edit.tooLong', { n: 200 }) }]}
              >
                <AutoComplete
                  aria-label={t('customers.edit.preferenceValue')}
                  placeholder={t('customers.edit.preferenceValuePlaceholder')}
                  options={valueOptions(rows?.[field.name]?.key)}
                  filterOption={matches}
                />
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('customers.edit.removePreference')}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', value: '' })}
            disabled={fields.length >= MAX_PREFERENCES}
            block
          >
            {t('customers.edit.addPreference')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
