import type { Platform, Role, StoreSummary } from '../../api/types';

// The Settings page's API shapes. Instants are epoch milliseconds (UTC).

export interface StoreSettings {
  /** Service staff (客服) see full phone numbers and addresses. */
  readonly serviceSeesPersonalData: boolean;
}

export interface StoreDetail extends StoreSummary {
  readonly settings: StoreSettings;
}

export interface StoreChanges {
  readonly name?: string;
  readonly platform?: Platform;
  readonly currency?: string;
  readonly timeZone?: string;
  readonly settings?: Partial<StoreSettings>;
}

export interface Member {
  readonly userId: number;
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly lastLoginAt: number | null;
  readonly since: number;
}

export interface NewMember {
  readonly login: string;
  readonly role: Role;
  readonly password?: string;
  readonly displayName?: string;
}

export interface ApiToken {
  readonly id: number;
  readonly name: string;
  readonly prefix: string;
  readonly role: Role;
  readonly ownerLogin: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly expiresAt: number | null;
  readonly revokedAt: number | null;
}

export interface NewToken {
  readonly name: string;
  readonly role: Role;
  readonly expiresInDays?: number;
}

export interface CreatedToken {
  readonly id: number;
  /** The secret itself; the API shows it this once. */
  readonly token: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Pass as `before` for the next, older page; null at the end. */
  readonly nextBefore: number | null;
}
