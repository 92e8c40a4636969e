import { useEffect, useRef } from 'react';
import { type ChartOption, type EChartsType, init } from '../charts/echarts';

interface EChartProps {
  readonly option: ChartOption;
  readonly height?: number;
  /** What the chart shows, for screen readers. */
  readonly label: string;
}

/** One ECharts instance: created on mount, given each new option, resized with its box, disposed on unmount. */
export function EChart({ option, height = 320, label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  // Runs after the effect above on mount, so the first option lands on a live instance.
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
