import { Col, Empty, Row, Segmented, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { useStore } from '../../../session/use-session';
import { exportUrl, useRfmHistory } from '../api';
import { segmentHistoryOption, segmentMapOption } from '../charts/rfm-options';
import type { RfmSnapshot, SegmentFigures } from '../types';
import { chineseSegments, englishSegments } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';
import { RfmCuts } from './RfmCuts';

export type SegmentScheme = 'chinese' | 'english';

/** A segment's name in the reader's language, for either scheme. */
export function useSegmentName() {
  const { t } = useTranslation();
  return useCallback(
    (scheme: SegmentScheme, segment: string) =>
      scheme === 'chinese'
        ? t(`analytics.segmentsCn.${segment as (typeof chineseSegments)[number]}`)
        : t(`analytics.segmentsEn.${segment as (typeof englishSegments)[number]}`),
    [t],
  );
}

/** RFM: the segment map and table in either scheme, the cut points, and segments over time. */
export function RfmTab({ snapshot }: { readonly snapshot: RfmSnapshot }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const segmentName = useSegmentName();
  const [scheme, setScheme] = useState<SegmentScheme>('chinese');
  const segments: readonly SegmentFigures<string>[] = snapshot[scheme];
  const rows = useMemo(
    () => segments.map((segment) => ({ ...segment, name: segmentName(scheme, segment.segment) })),
    [segments, scheme, segmentName],
  );
  const mapOption = useMemo(
    () => segmentMapOption(rows, snapshot.buyers, formats, t('analytics.rfm.revenueShare')),
    [rows, snapshot.buyers, formats, t],
  );

  const switcher = (
    <Segmented<SegmentScheme>
      aria-label={t('analytics.rfm.scheme')}
      value={scheme}
      onChange={setScheme}
      options={[
        { value: 'chinese', label: t('analytics.rfm.chineseScheme') },
        { value: 'english', label: t('analytics.rfm.englishScheme') },
      ]}
    />
  );

  return (
    <>
      <Panel title={t('analytics.rfm.segmentMap')} hint={t('analytics.rfm.segmentMapHint')} extra={switcher}>
        <Typography.Text type="secondary">
          {t('analytics.rfm.buyers', { n: formats.count(snapshot.buyers) })}
        </Typography.Text>
        <EChart
          option={mapOption}
          height={360}
          label={t('analytics.chartAria', { name: t('analytics.rfm.segmentMap') })}
        />
      </Panel>
      <Panel
        title={t('analytics.rfm.table')}
        extra={
          <ExportLinks
            href={(format) =>
              exportUrl(store.id, scheme === 'chinese' ? 'rfm-segments' : 'rfm-segments-en', format)
            }
          />
        }
      >
        <Table
          rowKey="segment"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'segment', title: t('analytics.rfm.segment'), dataIndex: 'name' },
            figureColumn<SegmentFigures<string>>('customers', t('analytics.rfm.customers'), (row) =>
              formats.count(row.customers),
            ),
            figureColumn<SegmentFigures<string>>('customerShare', t('analytics.rfm.customerShare'), (row) =>
              formats.share(snapshot.buyers ? row.customers / snapshot.buyers : null),
            ),
            figureColumn<SegmentFigures<string>>('revenueShare', t('analytics.rfm.revenueShare'), (row) =>
              formats.share(row.revenueShare),
            ),
            ...(['averageR', 'averageF', 'averageM'] as const).map((measure) =>
              figureColumn<SegmentFigures<string>>(measure, t(`analytics.rfm.${measure}`), (row) =>
                row.customers ? formats.decimal(row[measure]) : '—',
              ),
            ),
          ]}
        />
      </Panel>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <RfmCuts snapshot={snapshot} />
        </Col>
        <Col xs={24} xl={12}>
          <SegmentHistory scheme={scheme} />
        </Col>
      </Row>
    </>
  );
}

function SegmentHistory({ scheme }: { readonly scheme: SegmentScheme }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const segmentName = useSegmentName();
  const answer = useRfmHistory(store.id).data;
  const history = useMemo(() => answer?.history ?? [], [answer]);
  const option = useMemo(() => {
    const names: readonly string[] = scheme === 'chinese' ? chineseSegments : englishSegments;
    const series = names.map((segment) => ({
      name: segmentName(scheme, segment),
      values: history.map(
        (entry) =>
          (entry[scheme] as readonly { segment: string; customers: number }[]).find(
            (figures) => figures.segment === segment,
          )?.customers ?? 0,
      ),
    }));
    return segmentHistoryOption(
      history.map((entry) => formats.instant(entry.computedAt)),
      series,
      formats,
    );
  }, [history, scheme, segmentName, formats]);
  return (
    <Panel title={t('analytics.rfm.history')} hint={t('analytics.rfm.historyHint')}>
      {history.length < 2 ? (
        <Empty description={t('analytics.rfm.historyEmpty')} />
      ) : (
        <EChart
          option={option}
          height={300}
          label={t('analytics.chartAria', { name: t('analytics.rfm.history') })}
        />
      )}
    </Panel>
  );
}
