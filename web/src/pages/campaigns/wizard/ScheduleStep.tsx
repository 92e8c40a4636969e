import { DatePicker, Form, InputNumber, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { instantOfPicked, pickerValueOf } from '../../../format/picker-time';
import { useStore } from '../../../session/use-session';
import type { WizardState } from '.';

const HOUR_MS = 3_600_000;

/** When to send (now, at a time, spread over a window) and the share held out as control. */
export function ScheduleStep({
  state,
  onChange,
}: {
  readonly state: WizardState;
  readonly onChange: (patch: Partial<WizardState>) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { schedule } = state;
  // The pickers show and take the store's wall clock, whatever the browser's time zone.
  const shown = (at: number) => pickerValueOf(at, store.timeZone);
  const inAnHour = () => Math.ceil((Date.now() + HOUR_MS) / HOUR_MS) * HOUR_MS;
  return (
    <Form layout="vertical" style={{ maxWidth: 560 }}>
      <Form.Item label={t('campaigns.wizard.schedule')}>
        <Segmented
          value={schedule.kind}
          onChange={(kind) => {
            const start = inAnHour();
            if (kind === 'now') onChange({ schedule: { kind } });
            else if (kind === 'at') onChange({ schedule: { kind, at: start } });
            else onChange({ schedule: { kind: 'window', from: start, to: start + 4 * HOUR_MS } });
          }}
          options={(['now', 'at', 'window'] as const).map((value) => ({
            value,
            label: t(`campaigns.wizard.${value}`),
          }))}
        />
      </Form.Item>
      {schedule.kind === 'at' && (
        <Form.Item
          label={t('campaigns.wizard.at')}
          extra={t('campaigns.wizard.storeTime', { zone: store.timeZone })}
        >
          <DatePicker
            aria-label={t('campaigns.wizard.sendAt')}
            showTime
            allowClear={false}
            value={shown(schedule.at)}
            onChange={(day) =>
              day && onChange({ schedule: { kind: 'at', at: instantOfPicked(day, store.timeZone) } })
            }
          />
        </Form.Item>
      )}
      {schedule.kind === 'window' && (
        <Form.Item
          label={t('campaigns.wizard.window')}
          extra={t('campaigns.wizard.storeTime', { zone: store.timeZone })}
        >
          <DatePicker.RangePicker
            showTime
            allowClear={false}
            value={[shown(schedule.from), shown(schedule.to)]}
            onChange={(range) => {
              const [from, to] = range ?? [];
              if (from && to)
                onChange({
                  schedule: {
                    kind: 'window',
                    from: instantOfPicked(from, store.timeZone),
                    to: instantOfPicked(to, store.timeZone),
                  },
                });
            }}
          />
        </Form.Item>
      )}
      <Form.Item label={t('campaigns.wizard.controlShare')} extra={t('campaigns.wizard.controlHint')}>
        <InputNumber
          aria-label={t('campaigns.wizard.controlShare')}
          min={0}
          max={50}
          value={state.controlPercent}
          onChange={(n) => onChange({ controlPercent: n ?? 0 })}
          suffix="%"
        />
      </Form.Item>
    </Form>
  );
}
