import { DateTime } from 'luxon';

// The sending rules the dispatcher enforces for marketing messages (transactional ones, such as a
// shipping notice, are exempt): quiet hours in the store's time zone, when a message is deferred
// to the next allowed minute rather than dropped, and a frequency cap per customer.

export type MessageClass = 'marketing' | 'transactional';

/** Sending hours, HH:mm in the store's time zone; end after start (no window across midnight). */
export interface SendingWindow {
  readonly start: string;
  readonly end: string;
}

/** The strictest of the providers' windows: 08:00 to 20:00. */
export const DEFAULT_WINDOW: SendingWindow = { start: '08:00', end: '20:00' };

export interface FrequencyCap {
  readonly messages: number;
  readonly days: number;
}

/** At most two marketing messages per customer per seven days. */
export const DEFAULT_CAP: FrequencyCap = { messages: 2, days: 7 };

const minutesOf = (hhmm: string) => {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`expected a time as HH:mm, e.g. 08:00, got "${hhmm}"`);
  return Number(match[1]) * 60 + Number(match[2]);
};

/**
 * The earliest instant at or after `at` when a message of this class may be sent: `at` itself
 * inside the window (or for a transactional message), else the window's next start in the zone.
 * Days on which the start does not exist (a DST gap) take the first minute after it.
 */
export function nextSendingTime(
  at: number,
  timeZone: string,
  messageClass: MessageClass,
  window: SendingWindow = DEFAULT_WINDOW,
): number {
  if (messageClass === 'transactional') return at;
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (end <= start)
    throw new Error(`the sending window must end after it starts: ${window.start}–${window.end}`);
  const local = DateTime.fromMillis(at, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  if (minute >= start && minute < end) return at;
  const day = minute < start ? local.startOf('day') : local.startOf('day').plus({ days: 1 });
  return day.set({ hour: Math.floor(start / 60), minute: start % 60 }).toMillis();
}

/**
 * Whether another marketing message may go to a customer at `at`, given when their earlier ones
 * were sent; if not, when the cap frees (the oldest counted message leaves the window).
 */
export function frequencyCapCheck(
  sentAt: readonly number[],
  at: number,
  cap: FrequencyCap = DEFAULT_CAP,
): { readonly allowed: true } | { readonly allowed: false; readonly freesAt: number } {
  const span = cap.days * 86_400_000;
  const recent = sentAt.filter((t) => t > at - span && t <= at).sort((a, b) => a - b);
  if (recent.length < cap.messages) return { allowed: true };
  return { allowed: false, freesAt: recent[recent.length - cap.messages]! + span };
}
