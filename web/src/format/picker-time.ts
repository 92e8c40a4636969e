import dayjs, { type Dayjs } from 'dayjs';
import { instantOfWallClock, wallClockOf } from './time.js';

// The date-time pickers (Ant Design, dayjs) read and write the browser's clock. A campaign is
// scheduled in the store's time zone (stores.time_zone): the picker shows the store's wall clock
// as if it were the browser's, and what the user picks is read back as the store's wall clock.
// An operator in New York scheduling a Shanghai store's 10:00 send picks 10:00, not 21:00.

/** The value to give a picker for an instant: the store's wall clock on the browser's calendar. */
export function pickerValueOf(at: number, timeZone: string): Dayjs {
  const clock = wallClockOf(at, timeZone);
  return dayjs(new Date(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second));
}

/** The instant a picked value names, read as the store's wall clock. */
export function instantOfPicked(value: Dayjs, timeZone: string): number {
  return instantOfWallClock(
    {
      year: value.year(),
      month: value.month() + 1,
      day: value.date(),
      hour: value.hour(),
      minute: value.minute(),
      second: value.second(),
    },
    timeZone,
  );
}
