import { DateTime } from 'luxon';

// Times as exports write them, read as the store's local time unless they carry an offset:
//   2023-01-05 09:03:00 · 2023/1/5 9:03 · 2023-01-05 · 2023-01-05T09:03:00+08:00 ·
//   2023-01-05 09:03:00 +0800 (Shopify) · 20230105 (CDNOW) · an Excel serial such as 44931.376

export type TimeParse = { readonly at: number } | { readonly error: string };

const PATTERN =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
const EXCEL_EPOCH_DAYS = 25_569; // 1970-01-01 as an Excel serial (the 1900 system, after its leap-year bug)

/**
 * Converts wall-clock time in a zone to an instant. Offsets are looked up once per day (a day
 * whose offset changes, for daylight saving, is looked up by the hour), so a million rows cost a
 * thousand time-zone lookups, not a million.
 */
export class LocalTime {
  private readonly dayOffsets = new Map<number, number | null>();
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  private zoneOffset(utcMs: number): number {
    return DateTime.fromMillis(utcMs, { zone: this.timeZone }).offset * 60_000;
  }

  private offsetAt(utcMs: number): number {
    const day = Math.floor(utcMs / 86_400_000);
    let offset = this.dayOffsets.get(day);
    if (offset === undefined) {
      const start = this.zoneOffset(day * 86_400_000);
      offset = start === this.zoneOffset(day * 86_400_000 + 86_399_999) ? start : null;
      this.dayOffsets.set(day, offset);
    }
    if (offset !== null) return offset;
    const hour = Math.floor(utcMs / 3_600_000);
    let hourly = this.hourOffsets.get(hour);
    if (hourly === undefined) {
      hourly = this.zoneOffset(hour * 3_600_000);
      this.hourOffsets.set(hour, hourly);
    }
    return hourly;
  }

  /** The instant of a local wall-clock time (the later one when DST repeats an hour). */
  toInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute, second);
    const first = wall - this.offsetAt(wall);
    return wall - this.offsetAt(first);
  }
}

/** Parses a time cell; `null` for an empty one. */
export function parseTime(input: string | number | Date, local: LocalTime): TimeParse | null {
  if (input instanceof Date) return fromSpreadsheetDate(input, local);
  if (typeof input === 'number') return fromExcelSerial(input, local);
  const text = input.trim();
  if (text === '') return null;
  const match = PATTERN.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s, zone] = match;
    const parts = [
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
    ] as const;
    if (!validParts(...parts)) return { error: `"${text}" is not a real date and time` };
    if (zone)
      return {
        at: Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]) - zoneOffsetMs(zone),
      };
    return { at: local.toInstant(...parts) };
  }
  const compact = COMPACT.exec(text);
  if (compact) {
    const [y, mo, d] = [Number(compact[1]), Number(compact[2]), Number(compact[3])];
    if (!validParts(y, mo, d, 0, 0, 0)) return { error: `"${text}" is not a real date` };
    return { at: local.toInstant(y, mo, d) };
  }
  if (EXCEL_SERIAL.test(text)) return fromExcelSerial(Number(text), local);
  return { error: `"${text}" is not a date; expected e.g. 2023-01-05 09:03:00 or 2023/1/5 9:03` };
}

/**
 * Spreadsheet dates carry no time zone: the reader hands them over as the wall-clock reading in
 * UTC fields, which is placed in the store's zone like any other local time.
 */
function fromSpreadsheetDate(date: Date, local: LocalTime): TimeParse {
  if (Number.isNaN(date.getTime())) return { error: 'the cell holds an invalid date' };
  return {
    at: local.toInstant(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
    ),
  };
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

function fromExcelSerial(serial: number, local: LocalTime): TimeParse {
  if (!Number.isFinite(serial) || serial < 32_874 || serial > 73_051) {
    return { error: `${serial} is not a date (an Excel date serial between 1990 and 2100 was expected)` };
  }
  // The serial counts local days: take its wall-clock reading, then place it in the store's zone.
  const wall = new Date(Math.round((serial - EXCEL_EPOCH_DAYS) * 86_400_000));
  return {
    at: local.toInstant(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
    ),
  };
}
