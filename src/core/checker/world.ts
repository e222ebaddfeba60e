/**
 * The simulation's world for one connection: its two endpoints, the stack profile, the symbol
 * table that gives `x`, `y+1` their meaning, and the naming of values nobody wrote down. A flow
 * with several connections has one world per connection; they share the symbol table (symbols
 * are document-wide) and the placeholder counter.
 */

import type { ValueExpr } from '../language/ast.js';
import { substitute, type Endpoint } from '../model/endpoint.js';
import type { Profile } from '../model/profiles.js';
import { add, isPlaceholder, seq, type Seq } from '../model/seq.js';

const AUTO_NAMES = ['x', 'y', 'u', 'v', 'a', 'b', 'c', 'd', 'm', 'n', 'p', 'q'];

/** What every connection's world shares: the symbols bound so far, the placeholder counter, the hosts' Fast Open cookies. */
export class Symbols {
  readonly bound = new Map<string, Seq>();
  placeholders = 0;
  /**
   * Where the search for a fresh name goes on (round × AUTO_NAMES + index): a name passed over
   * is mentioned or bound, and stays so, so each name is tried once in the whole flow.
   */
  freshFrom = 0;
  /** The Fast Open cookies each host issued (RFC 7413), by host name: they outlive connections. */
  readonly cookies = new Map<string, Set<string>>();
  /** How many `wait` lines have run: time passing makes retransmissions expected in every connection. */
  waits = 0;
}

export class World {
  readonly bound: Map<string, Seq>;
  /** A segment was lost (or a duplicate ACK arrived) in this connection. */
  private lost = false;
  /** The waits before this world began, and (once another connection reused its four-tuple) before it ended. */
  private readonly bornAt: number;
  private endedAt = Infinity;

  constructor(
    readonly endpoints: Endpoint[],
    readonly profile: Profile,
    /** Every symbol the document mentions: automatic names avoid them. */
    private readonly mentioned: ReadonlySet<string>,
    /** Added to a 0-based line to name it in a message (the file's line number). */
    readonly lineBase = 1,
    private readonly symbols = new Symbols(),
  ) {
    this.bound = symbols.bound;
    this.bornAt = symbols.waits;
  }

  /**
   * A segment was lost or time passed while the connection was open: retransmissions are
   * expected. Time is counted once for the flow, not written into every connection at each
   * `wait` (a capture of thousands of connections would make each wait touch them all).
   */
  get lossSeen(): boolean {
    return this.lost || Math.min(this.symbols.waits, this.endedAt) > this.bornAt;
  }
  set lossSeen(seen: boolean) {
    this.lost = seen;
  }

  /** Another connection took over its four-tuple: later waits no longer count here. */
  end(): void {
    if (this.endedAt === Infinity) this.endedAt = this.symbols.waits;
  }

  /** Time passes for every connection (a `wait` line). */
  timePasses(): void {
    this.symbols.waits++;
  }

  /** A world for another connection of the same flow: the same profile and symbols, its own endpoints. */
  another(endpoints: Endpoint[]): World {
    return new World(endpoints, this.profile, this.mentioned, this.lineBase, this.symbols);
  }

  /** The Fast Open cookies a host issued so far in the flow (fastOpenChecks.ts). */
  cookiesOf(host: string): Set<string> {
    let set = this.symbols.cookies.get(host);
    if (!set) this.symbols.cookies.set(host, (set = new Set()));
    return set;
  }

  placeholder(): Seq {
    return seq(`?${++this.symbols.placeholders}`);
  }

  /** A fresh symbol for a value the author left unnamed (an ISN, say): x, y, u, v, … */
  freshName(): string {
    for (let k = this.symbols.freshFrom; ; k++) {
      const round = Math.floor(k / AUTO_NAMES.length);
      const n = AUTO_NAMES[k % AUTO_NAMES.length]!;
      const name = round === 0 ? n : `${n}${round}`;
      if (!this.mentioned.has(name) && !this.bound.has(name)) {
        this.symbols.freshFrom = k; // the caller binds it: the next search starts past it
        return name;
      }
    }
  }

  bindPlaceholder(placeholder: string, value: Seq): void {
    for (const e of this.endpoints) substitute(e, placeholder, value);
  }

  /** A symbol's value, or undefined while unbound. */
  evaluate(v: ValueExpr): Seq | undefined {
    if (!v.symbol) return { base: '', offset: v.offset >>> 0 };
    const b = this.bound.get(v.symbol.text);
    return b ? add(b, v.offset) : undefined;
  }

  /**
   * Resolves a written (or omitted) number against what the simulation expects.
   * Unbound symbols and placeholders are bound here, so the first use of `x` defines it.
   */
  resolve(given: ValueExpr | undefined, expected: Seq | undefined): { value: Seq; inferred: boolean; matches: boolean } {
    if (!given) {
      if (expected && !isPlaceholder(expected)) return { value: expected, inferred: true, matches: true };
      const name = this.freshName();
      const value = seq(name);
      this.bound.set(name, value);
      if (!expected) return { value, inferred: true, matches: true };
      this.bindPlaceholder(expected.base, value);
      return { value: add(value, expected.offset), inferred: true, matches: true };
    }
    const known = this.evaluate(given);
    if (known === undefined) {
      const name = given.symbol!.text;
      if (expected && !isPlaceholder(expected)) {
        this.bound.set(name, add(expected, -given.offset));
        return { value: expected, inferred: false, matches: true };
      }
      const base = seq(name);
      this.bound.set(name, base);
      const value = add(base, given.offset);
      if (expected) this.bindPlaceholder(expected.base, add(value, -expected.offset));
      return { value, inferred: false, matches: true };
    }
    if (!expected) return { value: known, inferred: false, matches: true };
    if (isPlaceholder(expected)) {
      this.bindPlaceholder(expected.base, add(known, -expected.offset));
      return { value: known, inferred: false, matches: true };
    }
    const matches = known.base === expected.base && known.offset === expected.offset;
    return { value: matches ? expected : known, inferred: false, matches }; // equal values share one object
  }
}
