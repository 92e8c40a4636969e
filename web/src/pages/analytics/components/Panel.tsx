import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Tooltip } from 'antd';
import type { ReactNode } from 'react';

interface PanelProps {
  readonly title: string;
  /** One sentence on how to read what the panel shows. */
  readonly hint?: string;
  readonly extra?: ReactNode;
  readonly children: ReactNode;
}

/** A titled card of the analytics page, named for screen readers (and tests) by its title. */
export function Panel({ title, hint, extra, children }: PanelProps) {
  return (
    <Card
      role="region"
      aria-label={title}
      title={
        <span>
          {title}{' '}
          {hint && (
            <Tooltip title={hint}>
              <InfoCircleOutlined style={{ color: '#bfbfbf', fontSize: 13 }} aria-label={hint} />
            </Tooltip>
          )}
        </span>
      }
      extra={extra}
      style={{ marginBottom: 16 }}
      styles={{ body: { paddingTop: 16 } }}
    >
      {children}
    </Card>
  );
}
