import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Which exports the importer reads, and that importing twice is safe. */
export function FormatGuide() {
  const { t } = useTranslation();
  const formats = [
    { name: t('import.formats.taobao'), text: t('import.guide.taobao') },
    { name: t('import.formats.taobao-items'), text: t('import.guide.taobaoItems') },
    { name: t('import.formats.shopify'), text: t('import.guide.shopify') },
    { name: t('import.formats.generic'), text: t('import.guide.generic') },
    { name: t('import.formats.cdnow'), text: t('import.guide.cdnow') },
    { name: t('import.formats.customer-attributes'), text: t('import.guide.attributes') },
  ];
  return (
    <Card title={t('import.guide.title')} style={{ height: '100%' }}>
      <Flex vertical gap={10} component="ul" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
        {formats.map((format) => (
          <li key={format.name}>
            <Typography.Text strong>{format.name}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {format.text}
            </Typography.Text>
          </li>
        ))}
      </Flex>
      <Alert
        type="info"
        showIcon
        icon={<InfoCircleOutlined />}
        title={t('import.guide.repeat')}
        style={{ marginTop: 16 }}
      />
    </Card>
  );
}
