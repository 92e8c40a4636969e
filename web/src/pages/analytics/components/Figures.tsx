import { Card, Col, Row, Statistic } from 'antd';

export interface Figure {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** A row of headline figures, each a group named by its label (how tests and screen readers find it). */
export function Figures({ figures }: { readonly figures: readonly Figure[] }) {
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {figures.map((figure) => (
        <Col key={figure.key} xs={12} md={8} xl={24 / Math.min(figures.length, 6)}>
          <Card size="small" role="group" aria-label={figure.label}>
            <Statistic title={figure.label} value={figure.value} valueStyle={{ fontSize: 22 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
