import { Flex, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface PageHeaderProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly extra?: ReactNode;
}

/** A page's heading line: the title, a quiet subtitle and actions on the right. */
export function PageHeader({ title, subtitle, extra }: PageHeaderProps) {
  const { t } = useTranslation();
  // The tab title names the page too, for operators with many tabs open.
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Flex justify="space-between" align="flex-end" gap={16} wrap style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {subtitle}
          </Typography.Text>
        )}
      </div>
      {extra && <Flex gap={8}>{extra}</Flex>}
    </Flex>
  );
}
