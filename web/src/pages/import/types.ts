import type { ColumnMap } from '../../../../src/orders/formats/generic-map';
import type { RejectionCode } from '../../../../src/orders/source/types';

// The import page's API shapes (src/orders/routes.ts). Instants are epoch milliseconds (UTC).

export type { ColumnMap, RejectionCode };
export type ColumnName = keyof ColumnMap['columns'];
export type OrderStatus = NonNullable<ColumnMap['statuses']>[string];

export type ImportFormat = 'taobao' | 'taobao-items' | 'shopify' | 'generic' | 'cdnow';
export const importFormats: readonly ImportFormat[] = [
  'taobao',
  'taobao-items',
  'shopify',
  'generic',
  'cdnow',
];

export interface UploadAnswer {
  readonly jobId: number;
  /** The files' names in the order the job imports them (order reports before item reports). */
  readonly files: readonly string[];
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  readonly id: number;
  readonly kind: string;
  readonly state: JobState;
  readonly progress: number;
  readonly note: string | null;
  readonly attempts: number;
  /** For an import job: an ImportResult once it has succeeded. */
  readonly result: unknown;
  /** `code: message` for a refused input, else the message. */
  readonly error: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

/** One file the job imported. */
export interface FileSummary {
  readonly runId: number;
  readonly format: string;
  readonly fileName: string;
  readonly encoding: string;
  /** The file had been partly imported before; this run carried on from there. */
  readonly resumed: boolean;
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly customers: number;
  readonly items: number;
}

/** A file that could not be imported at all (unknown format, empty). */
export interface FileFailure {
  readonly file: string;
  readonly code: string;
  readonly message: string;
}

export interface ImportResult {
  readonly files: readonly FileSummary[];
  readonly failures: readonly FileFailure[];
}

export type RunStatus = 'running' | 'succeeded' | 'failed';

export interface ImportRun {
  readonly id: number;
  readonly fileName: string | null;
  readonly format: string;
  readonly status: RunStatus;
  readonly encoding: string | null;
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** Rows written: for a customer-attributes run, the customers updated. */
  readonly imported: number;
  readonly customers: number;
  readonly items: number;
  readonly error: string | null;
  readonly jobId: number | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export interface RunsPage {
  readonly runs: readonly ImportRun[];
  /** Pass as `before` for the next, older page; null at the end. */
  readonly nextBefore: number | null;
}

export interface Rejection {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface RunDetail extends ImportRun {
  readonly rejectionsByCode: Readonly<Record<string, number>>;
  /** The first 50 rejected rows, in line order. */
  readonly rejections: readonly Rejection[];
}

export interface SavedColumnMap {
  readonly name: string;
  readonly map: ColumnMap;
  readonly updatedAt: number;
}
