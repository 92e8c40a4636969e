import { describe, expect, it } from 'vitest';
import {
  can,
  canSeePersonalData,
  lesserRole,
  permissionGrants,
  roleAtMost,
} from '../../src/auth/permissions.js';

describe('permissions', () => {
  it('gives the owner every permission', () => {
    for (const permission of Object.keys(permissionGrants) as (keyof typeof permissionGrants)[])
      expect(can('owner', permission)).toBe(true);
  });

  it('keeps store, staff, tokens and the audit log to the owner', () => {
    for (const permission of [
      'store.manage',
      'members.manage',
      'tokens.manage',
      'audit.read',
      'campaigns.approve',
    ] as const) {
      expect([can('operator', permission), can('service', permission)]).toEqual([false, false]);
    }
  });

  it('lets service staff read but not export or import', () => {
    expect(can('service', 'customers.read')).toBe(true);
    expect(can('service', 'data.export')).toBe(false);
    expect(can('service', 'data.import')).toBe(false);
    expect(can('operator', 'data.export')).toBe(true);
  });

  it('shows service staff personal data only when the owner allows it', () => {
    expect(canSeePersonalData('service', { serviceSeesPersonalData: false })).toBe(false);
    expect(canSeePersonalData('service', { serviceSeesPersonalData: true })).toBe(true);
    expect(canSeePersonalData('operator', { serviceSeesPersonalData: false })).toBe(true);
  });

  it('orders roles owner > operator > service', () => {
    expect(lesserRole('owner', 'service')).toBe('service');
    expect(lesserRole('operator', 'owner')).toBe('operator');
    expect(roleAtMost('operator', 'owner')).toBe(true);
    expect(roleAtMost('owner', 'operator')).toBe(false);
  });
});
