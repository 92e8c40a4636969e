import { describe, expect, it } from 'vitest';
import { localSinkAdapter } from '../../src/messaging/channels/local-sink.js';
import type { OutboxMessage } from '../../src/messaging/dispatcher.js';
import type { StoreId } from '../../src/shared/ids.js';

// The local sink: records instead of sending, for the demo and tests.

const message = (id: number): OutboxMessage => ({
  storeId: 1 as StoreId,
  id,
  messageId: `lk-1-${id}`,
  customerId: null,
  channel: 'local',
  messageClass: 'marketing',
  recipient: `138001380${String(id).padStart(2, '0')}`,
  content: { text: `第 ${id} 条` },
  attempts: 1,
});

describe('the local sink', () => {
  it('records what would have been sent and answers sent with a local id', async () => {
    const sink = localSinkAdapter({ now: () => 1_000 });
    expect(await sink.send(message(1))).toEqual({ status: 'sent', providerId: 'local-lk-1-1' });
    expect(sink.recorded()).toEqual([
      {
        messageId: 'lk-1-1',
        storeId: 1,
        channel: 'local',
        recipient: '13800138001',
        content: { text: '第 1 条' },
        at: 1_000,
      },
    ]);
  });

  it('keeps only the last N, oldest first', async () => {
    const sink = localSinkAdapter({ limit: 3 });
    for (let id = 1; id <= 5; id += 1) await sink.send(message(id));
    expect(sink.recorded().map((m) => m.messageId)).toEqual(['lk-1-3', 'lk-1-4', 'lk-1-5']);
    for (let id = 6; id <= 7; id += 1) await sink.send(message(id));
    expect(sink.recorded().map((m) => m.messageId)).toEqual(['lk-1-5', 'lk-1-6', 'lk-1-7']);
  });

  it('finds recorded ids on lookup, so a message in doubt is not recorded twice', async () => {
    const sink = localSinkAdapter({ limit: 2 });
    await sink.send(message(1));
    expect(await sink.lookup!(message(1))).toBe('sent');
    expect(await sink.lookup!(message(2))).toBe('unknown');
    await sink.send(message(2));
    await sink.send(message(3));
    // Dropped from the window: no longer known
    expect(await sink.lookup!(message(1))).toBe('unknown');
  });

  it('defaults to the last 1000', async () => {
    const sink = localSinkAdapter();
    for (let id = 1; id <= 1005; id += 1) await sink.send(message(id));
    expect(sink.recorded()).toHaveLength(1000);
    expect(sink.recorded()[0]!.messageId).toBe('lk-1-6');
  });
});
