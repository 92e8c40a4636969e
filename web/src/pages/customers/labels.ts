import type { TFunction } from 'i18next';
import type { CustomerSummary } from './types';

// How the customer pages name a customer and a place, the same way on every page.

/** The nickname, else the name, else `客户 #12`. */
export function customerName(customer: Pick<CustomerSummary, 'id' | 'nick' | 'name'>, t: TFunction): string {
  return customer.nick ?? customer.name ?? t('customers.unnamed', { id: customer.id });
}

/** `浙江 杭州`, or undefined when neither is known. */
export function regionText(customer: Pick<CustomerSummary, 'province' | 'city'>): string | undefined {
  const parts = [customer.province, customer.city].filter((part): part is string => Boolean(part));
  // Municipalities repeat themselves (北京 北京): once is enough.
  const unique = parts.filter((part, index) => parts.indexOf(part) === index);
  return unique.length > 0 ? unique.join(' ') : undefined;
}

/** A customer page's address. */
export const customerPath = (storeId: number, customerId: number) =>
  `/stores/${storeId}/customers/${customerId}`;
