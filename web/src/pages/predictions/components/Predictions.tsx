import { Col, Row } from 'antd';
import type { PredictionsSnapshot } from '../types';
import { Distributions } from './Distributions';
import { HoldoutPanel } from './HoldoutPanel';
import { ModelParameters } from './ModelParameters';
import { PredictionFigures } from './PredictionFigures';
import { PredictionWarnings } from './PredictionWarnings';
import { TargetLinks } from './TargetLinks';
import { ValueMatrix } from './ValueMatrix';

/** The whole snapshot: how far to trust it, the totals, whom to act on, the charts and the fits. */
export function Predictions({ snapshot }: { readonly snapshot: PredictionsSnapshot }) {
  return (
    <>
      <PredictionWarnings warnings={snapshot.warnings} />
      <PredictionFigures snapshot={snapshot} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <ValueMatrix matrix={snapshot.valueMatrix} />
        </Col>
        <Col xs={24} xl={10}>
          <TargetLinks />
        </Col>
      </Row>
      <Distributions snapshot={snapshot} />
      <HoldoutPanel holdout={snapshot.holdout} />
      <ModelParameters snapshot={snapshot} />
    </>
  );
}
