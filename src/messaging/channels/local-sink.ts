import type { ChannelAdapter, OutboxMessage } from '../dispatcher.js';

// The local sink: a channel that sends nothing and records what would have gone, for the demo and
// tests. It keeps the last `limit` messages (older ones drop off, so a long demo does not grow
// without end) and answers lookups from them, so the dispatcher's exactly-once protocol runs with
// it as with a real provider: a message recorded once is never recorded again.

export interface RecordedMessage {
  readonly messageId: string;
  readonly storeId: number;
  readonly channel: string;
  readonly recipient: string;
  readonly content: Readonly<Record<string, unknown>>;
  /** Epoch ms. */
  readonly at: number;
}

export interface LocalSink extends ChannelAdapter {
  /** What was "sent", oldest first. */
  recorded(): readonly RecordedMessage[];
}

/** A sink keeping the last `limit` messages (default 1000). */
export function localSinkAdapter(
  options: { readonly limit?: number; readonly now?: () => number } = {},
): LocalSink {
  const limit = Math.max(1, options.limit ?? 1000);
  const now = options.now ?? Date.now;
  // A ring of the last `limit` messages, and their ids for lookups
  const ring: RecordedMessage[] = [];
  let start = 0;
  // Counted, since a message sent again without a lookup is recorded twice
  const ids = new Map<string, number>();
  return {
    async send(message: OutboxMessage) {
      const entry: RecordedMessage = {
        messageId: message.messageId,
        storeId: message.storeId,
        channel: message.channel,
        recipient: message.recipient,
        content: message.content,
        at: now(),
      };
      if (ring.length < limit) ring.push(entry);
      else {
        const dropped = ring[start]!.messageId;
        const left = (ids.get(dropped) ?? 1) - 1;
        if (left === 0) ids.delete(dropped);
        else ids.set(dropped, left);
        ring[start] = entry;
        start = (start + 1) % limit;
      }
      ids.set(message.messageId, (ids.get(message.messageId) ?? 0) + 1);
      return { status: 'sent', providerId: `local-${message.messageId}` };
    },
    async lookup(message) {
      return ids.has(message.messageId) ? 'sent' : 'unknown';
    },
    recorded: () => [...ring.slice(start), ...ring.slice(0, start)],
  };
}
