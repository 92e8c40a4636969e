// Identifiers are integers. Stores and users are numbered globally; everything inside a store is
// numbered per store (see src/db/sequences.ts), so a store's customers are 1..n: dense indexes for
// the typed arrays of the analysis code. The brands keep one kind of id from standing in for another.

export type StoreId = number & { readonly __brand: 'StoreId' };
export type UserId = number & { readonly __brand: 'UserId' };
export type CustomerId = number & { readonly __brand: 'CustomerId' };
export type OrderId = number & { readonly __brand: 'OrderId' };
export type ProductId = number & { readonly __brand: 'ProductId' };
export type JobId = number & { readonly __brand: 'JobId' };
export type ApiTokenId = number & { readonly __brand: 'ApiTokenId' };
export type ImportRunId = number & { readonly __brand: 'ImportRunId' };

export const asStoreId = (value: number) => value as StoreId;
export const asUserId = (value: number) => value as UserId;
export const asCustomerId = (value: number) => value as CustomerId;
export const asOrderId = (value: number) => value as OrderId;
export const asProductId = (value: number) => value as ProductId;
export const asJobId = (value: number) => value as JobId;
export const asApiTokenId = (value: number) => value as ApiTokenId;
export const asImportRunId = (value: number) => value as ImportRunId;
