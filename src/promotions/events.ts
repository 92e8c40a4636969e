import { dayOfDate } from '../analytics/purchases.js';
import { addDays } from '../audiences/dates.js';

// The preset big-promotion events (大促) and the default windows of a plan's four phases. Dates are
// store-local calendar days; an event's day is the same month and day every year.

export const phases = ['buildup', 'warmup', 'day', 'afterglow'] as const;
export type Phase = (typeof phases)[number];

export const phaseNames: Record<Phase, { zh: string; en: string }> = {
  buildup: { zh: '蓄势', en: 'Build-up' },
  warmup: { zh: '预热', en: 'Warm-up' },
  day: { zh: '冲刺', en: 'The day' },
  afterglow: { zh: '余温', en: 'Afterglow' },
};

export interface PresetEvent {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** MM-dd of the event's day. */
  readonly monthDay: string;
}

/** 年货节 is fixed on 01-15 and 38 节 on 03-08 (docs/promotions.md says why). */
export const presetEvents: readonly PresetEvent[] = [
  { key: 'newyear', zh: '元旦', en: 'New Year’s Day', monthDay: '01-01' },
  { key: 'nianhuo', zh: '年货节', en: 'Spring Festival shopping', monthDay: '01-15' },
  { key: '38', zh: '38 节', en: 'Women’s Day (3.8)', monthDay: '03-08' },
  { key: '618', zh: '618', en: '618', monthDay: '06-18' },
  { key: '1111', zh: '双十一', en: 'Singles’ Day (11.11)', monthDay: '11-11' },
  { key: '1212', zh: '双十二', en: 'Double 12 (12.12)', monthDay: '12-12' },
  { key: 'christmas', zh: '圣诞', en: 'Christmas', monthDay: '12-25' },
];

export const eventKeys = presetEvents.map((e) => e.key) as [string, ...string[]];

/** A preset key or a store's own event, "custom-<id>". */
export const eventKeyPattern = new RegExp(`^(${eventKeys.join('|')}|custom-[1-9]\\d{0,9})$`);

export function presetEvent(key: string): PresetEvent | undefined {
  return presetEvents.find((e) => e.key === key);
}

export interface PhaseWindow {
  readonly phase: Phase;
  readonly from: string;
  readonly to: string;
}

/**
 * The default windows around an event's day D: 蓄势 from the first of the month two months before
 * D's month to the day before the warm-up, 预热 D−10 … D−1, 冲刺 D, 余温 D+1 … D+9. For 11.11:
 * Sep 1–Oct 31, Nov 1–10, Nov 11, Nov 12–20.
 */
export function defaultPhases(event: PresetEvent, year: number): PhaseWindow[] {
  const day = `${year}-${event.monthDay}`;
  const month = Number(event.monthDay.slice(0, 2)) - 2; // 1-based; ≤ 0 reaches into last year
  const buildupStart =
    month >= 1
      ? `${year}-${String(month).padStart(2, '0')}-01`
      : `${year - 1}-${String(month + 12).padStart(2, '0')}-01`;
  return [
    { phase: 'buildup', from: buildupStart, to: addDays(day, -11) },
    { phase: 'warmup', from: addDays(day, -10), to: addDays(day, -1) },
    { phase: 'day', from: day, to: day },
    { phase: 'afterglow', from: addDays(day, 1), to: addDays(day, 9) },
  ];
}

const isDate = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(dayOfDate(date)) && dateRoundTrips(date);
const dateRoundTrips = (date: string) => addDays(date, 0) === date;

/** Why the windows are not a plan's four phases in order without overlap, or null when they are. */
export function phaseWindowProblem(windows: readonly PhaseWindow[]): string | null {
  if (windows.length !== 4 || windows.some((w, i) => w.phase !== phases[i]))
    return `give the four phases in order: ${phases.join(', ')}`;
  for (const w of windows) {
    if (!isDate(w.from) || !isDate(w.to)) return `${w.phase}: dates must be calendar days (yyyy-MM-dd)`;
    if (w.to < w.from) return `${w.phase}: the window must not end (${w.to}) before it starts (${w.from})`;
  }
  for (let i = 1; i < windows.length; i++)
    if (windows[i]!.from <= windows[i - 1]!.to)
      return `${windows[i]!.phase} must start after ${windows[i - 1]!.phase} ends (${windows[i - 1]!.to})`;
  return null;
}
