import { DeleteOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Col,
  Collapse,
  Divider,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useColumnMapMutations } from '../api';
import { optionalColumns, orderStatuses, requiredColumns } from '../labels';
import { readCsvHeader } from '../read-header';
import type { ColumnMap, ColumnName, OrderStatus, SavedColumnMap } from '../types';

interface StatusRow {
  readonly value?: string;
  readonly status?: OrderStatus;
}

interface MapValues {
  readonly name: string;
  readonly columns: Partial<Record<ColumnName, string>>;
  readonly statuses?: readonly StatusRow[];
}

const columnHintKeys = {
  customerKey: 'import.maps.columnHints.customerKey',
  amount: 'import.maps.columnHints.amount',
  product: 'import.maps.columnHints.product',
  quantity: 'import.maps.columnHints.quantity',
} as const satisfies Partial<Record<ColumnName, string>>;

function toValues(saved: SavedColumnMap | undefined): Partial<MapValues> {
  if (!saved) return { columns: {}, statuses: [] };
  return {
    name: saved.name,
    columns: saved.map.columns,
    statuses: Object.entries(saved.map.statuses ?? {}).map(([value, status]) => ({ value, status })),
  };
}

// What the API takes: trimmed names, empty optional columns and status rows left out.
function toColumnMap(values: MapValues): ColumnMap {
  const text = (name: ColumnName) => values.columns[name]?.trim() ?? '';
  const optional = Object.fromEntries(
    optionalColumns.flatMap((name) => (text(name) === '' ? [] : [[name, text(name)]])),
  );
  const statuses = Object.fromEntries(
    (values.statuses ?? []).flatMap((row) =>
      row.value?.trim() && row.status ? [[row.value.trim(), row.status]] : [],
    ),
  );
  return {
    columns: {
      orderId: text('orderId'),
      customerKey: text('customerKey'),
      orderedAt: text('orderedAt'),
      amount: text('amount'),
      ...optional,
    },
    ...(Object.keys(statuses).length > 0 ? { statuses } : {}),
  };
}

interface ColumnMapModalProps {
  readonly open: boolean;
  /** The map being edited; undefined to create one. */
  readonly editing: SavedColumnMap | undefined;
  readonly existingNames: readonly string[];
  readonly onClose: () => void;
}

/** Creates or edits a column map: which header names hold which order fields, and status values. */
export function ColumnMapModal({ open, editing, existingNames, onClose }: ColumnMapModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const { save } = useColumnMapMutations(store.id);
  const [form] = Form.useForm<MapValues>();
  const [header, setHeader] = useState<readonly string[]>([]);
  const failure = save.isError ? errorText(save.error, t, currentLanguage()) : undefined;
  const headerOptions = header.map((name) => ({ value: name }));

  const close = () => {
    save.reset();
    setHeader([]);
    onClose();
  };
  const submit = (values: MapValues) => {
    const name = editing?.name ?? values.name.trim();
    save.mutate(
      { name, map: toColumnMap(values) },
      {
        onSuccess: () => {
          void message.success(t('import.maps.saved', { name }));
          close();
        },
      },
    );
  };
  const readSample = async (file: Blob) => {
    const names = await readCsvHeader(file).catch(() => []);
    setHeader(names);
    if (names.length === 0) void message.error(t('import.maps.sampleFailed'));
    else void message.success(t('import.maps.sampleLoaded', { n: names.length }));
  };

  const columnField = (name: ColumnName, required: boolean) => {
    const label = t(`import.maps.columnNames.${name}`);
    const hint = name in columnHintKeys ? t(columnHintKeys[name as keyof typeof columnHintKeys]) : undefined;
    return (
      <Form.Item
        name={['columns', name]}
        label={label}
        tooltip={hint}
        rules={[
          { required, whitespace: true, message: t('common.required', { field: label }) },
          { max: 200 },
        ]}
      >
        <AutoComplete
          options={headerOptions}
          placeholder={t('import.maps.columnPlaceholder')}
          showSearch={{
            filterOption: (input, option) =>
              String(option?.value ?? '')
                .toLowerCase()
                .includes(input.toLowerCase()),
          }}
          allowClear
        />
      </Form.Item>
    );
  };

  return (
    <Modal
      open={open}
      width={880}
      title={editing ? t('import.maps.titleEdit', { name: editing.name }) : t('import.maps.titleCreate')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={save.isPending}
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
      <Form<MapValues>
        form={form}
        layout="vertical"
        initialValues={toValues(editing)}
        onFinish={submit}
        preserve={false}
        requiredMark
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('import.maps.name')}
              extra={editing ? t('import.maps.nameFixed') : undefined}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('import.maps.name') }),
                },
                { max: 100 },
                {
                  validator: async (_, value: string | undefined) => {
                    if (!editing && value && existingNames.includes(value.trim()))
                      throw new Error(t('import.maps.nameTaken'));
                  },
                },
              ]}
            >
              <Input
                placeholder={t('import.maps.namePlaceholder')}
                maxLength={100}
                disabled={editing !== undefined}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item extra={t('import.maps.sampleHint')}>
              <Upload
                accept=".csv,.txt"
                showUploadList={false}
                beforeUpload={(file) => {
                  void readSample(file);
                  return false;
                }}
              >
                <Button icon={<FileSearchOutlined />}>{t('import.maps.sample')}</Button>
              </Upload>
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('import.maps.requiredColumns')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 13 }}>
          {t('import.maps.columnsHint')}
        </Typography.Paragraph>
        <Row gutter={16}>
          {requiredColumns.map((name) => (
            <Col key={name} xs={24} md={12}>
              {columnField(name, true)}
            </Col>
          ))}
        </Row>

        <Collapse
          size="small"
          defaultActiveKey={
            editing && optionalColumns.some((name) => editing.map.columns[name]) ? ['optional'] : []
          }
          items={[
            {
              key: 'optional',
              label: t('import.maps.optionalColumns'),
              // Rendered while closed too, so values of an edited map are kept and submitted.
              forceRender: true,
              children: (
                <Row gutter={16}>
                  {optionalColumns.map((name) => (
                    <Col key={name} xs={24} md={8}>
                      {columnField(name, false)}
                    </Col>
                  ))}
                </Row>
              ),
            },
          ]}
          style={{ marginBottom: 16 }}
        />

        <Divider titlePlacement="start" plain>
          {t('import.maps.statuses')}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 13 }}>
          {t('import.maps.statusesHint')}
        </Typography.Paragraph>
        <Form.List name="statuses">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Flex key={row.key} gap={8} align="flex-start">
                  <Form.Item
                    name={[row.name, 'value']}
                    style={{ flex: 1, marginBottom: 8 }}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: t('import.maps.statusValue') }),
                      },
                      { max: 100 },
                      {
                        validator: async (_, value: string | undefined) => {
                          const all: readonly StatusRow[] = form.getFieldValue('statuses') ?? [];
                          const same = all.filter((other) => other.value?.trim() === value?.trim());
                          if (value?.trim() && same.length > 1)
                            throw new Error(t('import.maps.duplicateValue'));
                        },
                      },
                    ]}
                  >
                    <Input
                      placeholder={t('import.maps.statusValue')}
                      aria-label={t('import.maps.statusValue')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[row.name, 'status']}
                    style={{ width: 200, marginBottom: 8 }}
                    rules={[
                      {
                        required: true,
                        message: t('common.required', { field: t('import.maps.statusMeaning') }),
                      },
                    ]}
                  >
                    <Select<OrderStatus>
                      placeholder={t('import.maps.statusMeaning')}
                      aria-label={t('import.maps.statusMeaning')}
                      options={orderStatuses.map((status) => ({
                        value: status,
                        label: t(`import.orderStatuses.${status}`),
                      }))}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('import.maps.removeStatus')}
                    onClick={() => remove(row.name)}
                  />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} block>
                {t('import.maps.addStatus')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
