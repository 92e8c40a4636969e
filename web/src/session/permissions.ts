import { type Permission, can as serverCan } from '../../../src/auth/permissions';
import type { Role } from '../api/types';

// The dashboard hides or disables what a role may not do, by the server's own table of rights;
// the API enforces the same table, so this is courtesy, not security.
export type { Permission };

export function can(role: Role, permission: Permission): boolean {
  return serverCan(role, permission);
}
