import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Flex, Tooltip, Typography } from 'antd';
import { type ReactNode, useId } from 'react';

interface KpiCardProps {
  readonly title: string;
  readonly value: string;
  /** The unrounded figure, shown on hover when `value` is abbreviated (万, M). */
  readonly exact?: string;
  /** What the figure means, behind an info icon. */
  readonly hint?: string;
  readonly footer?: ReactNode;
}

/** One headline figure. A labelled group, so it can be found by its title. */
export function KpiCard({ title, value, exact, hint, footer }: KpiCardProps) {
  const titleId = useId();
  return (
    <Card
      role="group"
      aria-labelledby={titleId}
      styles={{ body: { padding: '16px 20px' } }}
      style={{ height: '100%' }}
    >
      <Flex align="center" gap={6}>
        <Typography.Text type="secondary" id={titleId} style={{ fontSize: 13 }}>
          {title}
        </Typography.Text>
        {hint && (
          <Tooltip title={hint}>
            <InfoCircleOutlined style={{ color: '#bfbfbf', fontSize: 12 }} aria-label={hint} />
          </Tooltip>
        )}
      </Flex>
      <Tooltip title={exact !== undefined && exact !== value ? exact : undefined}>
        <div
          data-testid="kpi-value"
          style={{
            fontSize: 26,
            fontWeight: 600,
            lineHeight: '36px',
            margin: '4px 0 6px',
            fontVariantNumeric: 'tabular-nums',
          }}
        >
          {value}
        </div>
      </Tooltip>
      <div style={{ fontSize: 12, color: '#8c8c8c', minHeight: 20 }}>{footer}</div>
    </Card>
  );
}
