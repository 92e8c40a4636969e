// How one attempt to hand a message to a provider ended.
export type SendOutcome =
  /** The provider took it; its id for the message. */
  | { readonly status: 'sent'; readonly providerId: string }
  /** It may pass later: a busy or unreachable provider, a lost answer, a rate limit. */
  | { readonly status: 'retry'; readonly reason: string }
  /** No retry will help: a bad number or address, a rejected template. */
  | { readonly status: 'failed'; readonly reason: string };
