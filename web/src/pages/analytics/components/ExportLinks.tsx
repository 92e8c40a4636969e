import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportFormat } from '../api';

/** CSV and Excel downloads of one table; `href` gives each format's address. */
export function ExportLinks({ href }: { readonly href: (format: ExportFormat) => string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8}>
      <Button size="small" icon={<DownloadOutlined />} href={href('csv')} download>
        {t('analytics.export.csv')}
      </Button>
      <Button size="small" icon={<DownloadOutlined />} href={href('xlsx')} download>
        {t('analytics.export.xlsx')}
      </Button>
    </Flex>
  );
}
