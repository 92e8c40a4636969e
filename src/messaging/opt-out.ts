// Replies that mean "stop sending me marketing messages": R (Aliyun's 拒收请回复R), T and TD
// (回T退订), N, 退订, 拒收 — alone, in any case, full-width or half-width, with the spaces and
// punctuation people type around them. A longer reply that only mentions one is not an opt-out.

const KEYWORDS = new Set(['R', 'T', 'TD', 'N', '退订', '拒收', 'STOP', 'UNSUBSCRIBE']);

/** Full-width letters to ASCII, upper case, without spaces and trailing punctuation. */
function normalise(reply: string): string {
  return reply
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[。，、,.!！?？~～]+|[。，、,.!！?？~～]+$/g, '')
    .toUpperCase();
}

export function isOptOutReply(reply: string): boolean {
  return KEYWORDS.has(normalise(reply));
}
