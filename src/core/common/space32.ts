/**
 * The 32-bit circle TCP counts in: sequence and acknowledgment numbers (RFC 9293 §3.4) and
 * timestamps (RFC 7323 §5.2). The one place that says 2^32; the model's arithmetic
 * (model/seq.ts), the timestamps (model/tcpOptions.ts) and the parser's range checks use it.
 */

/** 2^32: how many numbers the circle holds. */
export const SPACE_32 = 0x1_0000_0000;
/** 2^31: a distance of half the circle or more counts backwards. */
export const HALF_32 = 0x8000_0000;
/** 2^32 - 1: the largest number a field may hold. */
export const MAX_32 = SPACE_32 - 1;
