import Papa from 'papaparse';

// The warehouse's answer: the shipping list it was sent (CSV, either language), with the tracking
// number column filled in. Each row with a number marks that recipient shipped.

const customerHeaders = ['客户ID', 'Customer ID'];
const trackingHeaders = ['快递单号', 'Tracking no.'];

export interface TrackingRows {
  readonly updates: { customerId: number; status: 'shipped'; trackingNo: string }[];
  /** Lines (1-based, the header is line 1) that have a tracking number but no customer id. */
  readonly badLines: number[];
}

/** Reads the filled-in shipping list; null when it lacks the customer id or tracking number column. */
export function readTrackingFile(text: string): TrackingRows | null {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const header = (rows[0] ?? []).map((cell) => cell.trim());
  const idAt = header.findIndex((cell) => customerHeaders.includes(cell));
  const trackingAt = header.findIndex((cell) => trackingHeaders.includes(cell));
  if (idAt < 0 || trackingAt < 0) return null;
  const updates: TrackingRows['updates'] = [];
  const badLines: number[] = [];
  rows.slice(1).forEach((row, index) => {
    const trackingNo = (row[trackingAt] ?? '').trim();
    if (trackingNo === '') return;
    const id = (row[idAt] ?? '').trim();
    if (!/^\d+$/.test(id)) badLines.push(index + 2);
    else updates.push({ customerId: Number(id), status: 'shipped', trackingNo });
  });
  return { updates, badLines };
}
