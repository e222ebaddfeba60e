/**
 * A hash table from a connection's address/port pair to a number, for the scan of a capture of
 * millions of packets: keys are a few 32-bit words (IPv4: both addresses and both ports in 3
 * words; IPv6: 9), kept in one typed array, found by open addressing. No object or string per
 * packet or per key.
 */

export class TupleTable {
  /** The key being looked up: the caller fills it, then calls find or insert. */
  readonly key: Uint32Array;
  private keys: Uint32Array;
  private values: Int32Array;
  /** Entry + 1 per slot, 0 when empty. */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(readonly stride: number) {
    this.key = new Uint32Array(stride);
    this.keys = new Uint32Array(stride * 1024);
    this.values = new Int32Array(1024);
    this.slots = new Int32Array(2048);
    this.mask = 2047;
  }

  /** The entry holding `key`, or -1. */
  find(): number {
    const s = this.stride;
    const keys = this.keys;
    const key = this.key;
    for (let i = this.hash() & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.slots[i]! - 1;
      if (e < 0) return -1;
      let k = 0;
      const base = e * s;
      while (k < s && keys[base + k] === key[k]) k++;
      if (k === s) return e;
    }
  }

  /** A new entry for `key` (not in the table), with `value`. */
  insert(value: number): number {
    if (this.size === this.values.length) this.growEntries();
    if (2 * (this.size + 1) > this.slots.length) this.rehash();
    const e = this.size++;
    this.keys.set(this.key, e * this.stride);
    this.values[e] = value;
    this.place(e, this.hash());
    return e;
  }

  value(entry: number): number {
    return this.values[entry]!;
  }

  setValue(entry: number, value: number): void {
    this.values[entry] = value;
  }

  /** Word `k` of an entry's key. */
  word(entry: number, k: number): number {
    return this.keys[entry * this.stride + k]!;
  }

  private hash(from: Uint32Array = this.key, base = 0): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < this.stride; k++) h = Math.imul(h ^ from[base + k]!, 0x01000193) ^ (h >>> 15);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return (h ^ (h >>> 13)) >>> 0;
  }

  private place(entry: number, hash: number): void {
    let i = hash & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = entry + 1;
  }

  private growEntries(): void {
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let e = 0; e < this.size; e++) this.place(e, this.hash(this.keys, e * this.stride));
  }
}
