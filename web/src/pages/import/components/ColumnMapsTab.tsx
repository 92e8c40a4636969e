import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useColumnMapMutations, useColumnMaps } from '../api';
import { requiredColumns } from '../labels';
import type { SavedColumnMap } from '../types';
import { ColumnMapModal } from './ColumnMapModal';

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'open'; readonly map: SavedColumnMap | undefined };

/** Saved column maps for generic CSV/XLSX files: list, create, edit, delete. */
export function ColumnMapsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const maps = useColumnMaps(store.id);
  const { remove } = useColumnMapMutations(store.id);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const language = currentLanguage();

  if (maps.isError) return <LoadError error={maps.error} onRetry={() => void maps.refetch()} />;

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('import.maps.intro')}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ kind: 'open', map: undefined })}
          style={{ flex: 'none' }}
        >
          {t('import.maps.create')}
        </Button>
      </Flex>
      <Table<SavedColumnMap>
        rowKey="name"
        size="middle"
        loading={maps.isPending}
        dataSource={maps.data}
        pagination={false}
        locale={{ emptyText: t('import.maps.empty') }}
        scroll={{ x: 860 }}
        columns={[
          {
            key: 'name',
            title: t('import.maps.name'),
            width: 200,
            render: (_, map) => <Typography.Text strong>{map.name}</Typography.Text>,
          },
          {
            key: 'mapping',
            title: t('import.maps.mapping'),
            render: (_, map) => {
              const optional = Object.keys(map.map.columns).length - requiredColumns.length;
              const statuses = Object.keys(map.map.statuses ?? {}).length;
              return (
                <Flex gap={4} wrap>
                  {requiredColumns.map((name) => (
                    <Tag key={name} style={{ marginInlineEnd: 0 }}>
                      {t(`import.maps.columnNames.${name}`)} ← {map.map.columns[name]}
                    </Tag>
                  ))}
                  {optional > 0 && <Tag style={{ marginInlineEnd: 0 }}>+{optional}</Tag>}
                  {statuses > 0 && (
                    <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                      {t('import.maps.statusCount', { count: statuses, n: statuses })}
                    </Tag>
                  )}
                </Flex>
              );
            },
          },
          {
            key: 'updatedAt',
            title: t('import.maps.updatedAt'),
            width: 160,
            render: (_, map) => formatInstant(map.updatedAt, store.timeZone, language),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_, map) => (
              <Flex gap={12}>
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => setEditing({ kind: 'open', map })}
                >
                  {t('import.maps.edit')}
                </Button>
                <Popconfirm
                  title={t('import.maps.deleteConfirm', { name: map.name })}
                  description={t('import.maps.deleteDescription')}
                  okButtonProps={{ danger: true }}
                  okText={t('import.maps.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove.mutate(map.name, {
                      onSuccess: () => void message.success(t('import.maps.deleted', { name: map.name })),
                      onError: notifyError,
                    })
                  }
                >
                  <Button type="link" danger size="small" style={{ padding: 0 }}>
                    {t('import.maps.delete')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]}
      />
      <ColumnMapModal
        open={editing.kind === 'open'}
        editing={editing.kind === 'open' ? editing.map : undefined}
        existingNames={(maps.data ?? []).map((map) => map.name)}
        onClose={() => setEditing({ kind: 'closed' })}
      />
    </>
  );
}
