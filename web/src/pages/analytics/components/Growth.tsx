import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { directionOf, trendColor } from '../../../format/trend';
import { useFormats } from '../use-formats';

/** Year-over-year growth, coloured by direction: a rise is red in Chinese, green in English. */
export function Growth({ change }: { readonly change: number | null }) {
  const formats = useFormats();
  if (change === null) return <span style={{ color: '#bfbfbf' }}>—</span>;
  const direction = directionOf(change);
  const icon = direction === 'up' ? <ArrowUpOutlined /> : direction === 'down' ? <ArrowDownOutlined /> : null;
  return (
    <span
      style={{ color: trendColor(direction, formats.language), whiteSpace: 'nowrap' }}
      data-direction={direction}
    >
      {icon} {formats.share(Math.abs(change))}
    </span>
  );
}
