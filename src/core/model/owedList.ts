/**
 * Owed answers as persistent lists. Every step of a simulation keeps the list its endpoints owed
 * then; an endpoint that never answers (thousands of retransmitted SYNs, segments to a closed
 * port) piles up a long list, and copying it at every step made time and memory quadratic. A
 * long list here is a read-only array view over items shared with the lists before it: adding
 * an answer to the newest list appends to the shared items, and replacing the owed ACK (one at a
 * time) only swaps the view's last item. Short lists stay plain arrays.
 */

import type { Owed } from './endpoint.js';

/** Lists shorter than this are copied as before (cheap, and the common case). */
const SHARE_FROM = 16;

/** One view: the first `len` shared items that are not ACKs, then the owed ACK if there is one. */
class View implements ProxyHandler<Owed[]> {
  constructor(
    readonly items: Owed[],
    readonly len: number,
    readonly ack: Owed | undefined,
  ) {}

  get size(): number {
    return this.len + (this.ack ? 1 : 0);
  }

  at(i: number): Owed | undefined {
    if (i < this.len) return this.items[i];
    return i === this.len ? this.ack : undefined;
  }

  get(target: Owed[], p: string | symbol, receiver: unknown): unknown {
    if (p === 'length') return this.size;
    const i = index(p);
    return i === undefined ? Reflect.get(target, p, receiver) : this.at(i);
  }

  has(target: Owed[], p: string | symbol): boolean {
    const i = index(p);
    return i === undefined ? Reflect.has(target, p) : i < this.size;
  }

  ownKeys(): (string | symbol)[] {
    const keys: string[] = [];
    for (let i = 0; i < this.size; i++) keys.push(String(i));
    keys.push('length');
    return keys;
  }

  getOwnPropertyDescriptor(target: Owed[], p: string | symbol): PropertyDescriptor | undefined {
    if (p === 'length') return { value: this.size, writable: true, enumerable: false, configurable: false };
    const i = index(p);
    if (i === undefined) return Reflect.getOwnPropertyDescriptor(target, p);
    return i < this.size ? { value: this.at(i), writable: false, enumerable: true, configurable: true } : undefined;
  }

  set(): boolean {
    return false; // read-only: steps share it
  }

  deleteProperty(): boolean {
    return false;
  }

  defineProperty(): boolean {
    return false;
  }
}

const views = new WeakMap<readonly Owed[], View>();

function index(p: string | symbol): number | undefined {
  if (typeof p !== 'string' || p.length === 0 || p.length > 10) return undefined;
  const c = p.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && p.length > 1)) return undefined;
  const n = Number(p);
  return Number.isInteger(n) ? n : undefined;
}

function makeView(items: Owed[], len: number, ack: Owed | undefined): Owed[] {
  const v = new View(items, len, ack);
  const list = new Proxy<Owed[]>([], v);
  views.set(list, v);
  return list;
}

/** The view of a list: its own when it is one, else a fresh copy (made once per long run). */
function viewOf(list: readonly Owed[]): View {
  const v = views.get(list);
  if (v) return v;
  const items: Owed[] = [];
  let ack: Owed | undefined;
  for (const o of list) {
    if (o.kind === 'ack') ack = o;
    else items.push(o);
  }
  return new View(items, items.length, ack);
}

/**
 * The list with `item` added; an ACK replaces the ACK already owed. Same contents as copying
 * (for long lists the one owed ACK is kept last), without copying a long list.
 */
export function withOwed(list: readonly Owed[], item: Owed): Owed[] {
  if (list.length === 0) return [item]; // nothing owed before (most answers): one list of one
  if (list.length < SHARE_FROM && !views.has(list)) {
    if (item.kind === 'ack' && list.length === 1 && list[0]!.kind === 'ack') return [item];
    return [...(item.kind === 'ack' ? list.filter((o) => o.kind !== 'ack') : list), item];
  }
  const v = viewOf(list);
  if (item.kind === 'ack') return makeView(v.items, v.len, item);
  // Appending to the newest list extends the shared items; an older list's items are copied once.
  const items = v.items.length === v.len ? v.items : v.items.slice(0, v.len);
  items.push(item);
  return makeView(items, v.len + 1, v.ack);
}
