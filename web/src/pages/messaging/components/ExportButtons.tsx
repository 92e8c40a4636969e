import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import type { ExportFormat } from '../api';

/** CSV and Excel downloads, for roles that may export; `href` gives each address. */
export function ExportButtons({ href }: { readonly href: (format: ExportFormat) => string }) {
  const { t } = useTranslation();
  const store = useStore();
  if (!can(store.role, 'data.export')) return null;
  return (
    <Flex gap={8}>
      <Button icon={<DownloadOutlined />} href={href('csv')} download>
        {t('messaging.export.csv')}
      </Button>
      <Button icon={<DownloadOutlined />} href={href('xlsx')} download>
        {t('messaging.export.xlsx')}
      </Button>
    </Flex>
  );
}
