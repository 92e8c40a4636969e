import type { Role } from '../db/schema.js';

// What each role may do in a store. Routes name a permission, never a role, so adding a role or
// moving a right is one line here. Roles, from most to least: owner (店主), operator (运营),
// service (客服).

export const roles = ['owner', 'operator', 'service'] as const satisfies readonly Role[];

const everyone: readonly Role[] = roles;
const staff: readonly Role[] = ['owner', 'operator'];
const ownerOnly: readonly Role[] = ['owner'];

export const permissionGrants = {
  'store.read': everyone,
  'store.manage': ownerOnly,
  'members.manage': ownerOnly,
  'tokens.manage': ownerOnly,
  'audit.read': ownerOnly,
  'overview.read': everyone,
  'jobs.read': everyone,
  'customers.read': everyone,
  'customers.write': staff,
  // Service staff (客服) log their calls and chats and keep their follow-up list.
  'contacts.write': everyone,
  // Service staff take the refund and complaint calls: they open and resolve after-sales cases.
  'after_sales.write': everyone,
  'customers.erase': ownerOnly,
  'analytics.refresh': staff,
  // Full phone numbers and addresses. Service staff get them only when the owner allows it
  // (store setting serviceSeesPersonalData), see canSeePersonalData.
  'customers.personal_data': staff,
  'data.import': staff,
  'data.export': staff,
  'campaigns.manage': staff,
  'campaigns.approve': ownerOnly,
  // Coupon batches, issuing and staff redemption (src/loyalty/coupons*).
  'coupons.manage': staff,
  // Gift plans: creating, confirming, shipping (src/loyalty/gifts*). Reading a plan is customers.read.
  'gifts.manage': staff,
  // Membership tiers and member days: everyone sees them (客服 answers members), staff change them.
  'loyalty.read': everyone,
  'loyalty.manage': staff,
  // Big-promotion plans (src/promotions): everyone reads the plan and its progress, staff change it.
  'promotions.read': everyone,
  'promotions.manage': staff,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionGrants;

export function can(role: Role, permission: Permission): boolean {
  return (permissionGrants[permission] as readonly Role[]).includes(role);
}

const rank: Record<Role, number> = { owner: 3, operator: 2, service: 1 };

/** The lesser of two roles: a token never acts above the person who owns it. */
export function lesserRole(a: Role, b: Role): Role {
  return rank[a] <= rank[b] ? a : b;
}

export function roleAtMost(role: Role, ceiling: Role): boolean {
  return rank[role] <= rank[ceiling];
}

export function canSeePersonalData(
  role: Role,
  settings: { readonly serviceSeesPersonalData: boolean },
): boolean {
  return can(role, 'customers.personal_data') || (role === 'service' && settings.serviceSeesPersonalData);
}
