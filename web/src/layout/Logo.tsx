import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The wordmark at the top of the menu: a 老 seal, and the name when there is room. */
export function Logo({ collapsed }: { readonly collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex
      align="center"
      gap={10}
      style={{ height: 56, padding: collapsed ? '0 16px' : '0 20px', overflow: 'hidden' }}
    >
      <span
        aria-hidden
        style={{
          flex: 'none',
          width: 30,
          height: 30,
          borderRadius: 8,
          background: 'linear-gradient(135deg, #1668dc, #4096ff)',
          color: '#fff',
          fontWeight: 700,
          fontSize: 17,
          lineHeight: '30px',
          textAlign: 'center',
        }}
      >
        老
      </span>
      {!collapsed && (
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.brand')}
        </Typography.Text>
      )}
    </Flex>
  );
}
