/**
 * Several connections in one flow (`connection <name> [as "<label>"] [reuses <name>]`): the two
 * participants are two hosts, and each connection between them has its own pair of control
 * blocks and its own world (symbols stay document-wide). The simulation works on the current
 * connection; a `connection` line starts a new one (a server starts it in LISTEN: its listener
 * outlives its connections) or returns to one. `reuses` starts a connection on an earlier one's
 * four-tuple: an endpoint still in TIME_WAIT there carries on into the new connection (the new
 * SYN reaches it first, and the stack profile judges it); a CLOSED one starts afresh.
 * A flow without `connection` lines is one unnamed connection, exactly as before.
 */

import type { ConnectionStmt, Name } from '../language/ast.js';
import { changeTo, diag, related, replaceFix, type Diagnostic } from '../common/diagnostics.js';
import { span } from '../common/source.js';
import { snapshot, type Endpoint, type Snapshot } from '../model/endpoint.js';
import type { Participant } from './participants.js';
import type { EffSegment } from '../model/types.js';
import { NameSuggestions } from '../common/suggestions.js';
import type { TcpState } from '../common/vocabulary.js';
import { TimeWaits } from '../model/timeWaits.js';
import type { World } from './world.js';

export interface Connection {
  /** '' for the unnamed connection of a flow without (or before its first) `connection` line. */
  name: string;
  label?: string | undefined;
  declaration?: ConnectionStmt | undefined;
  /** Its two endpoints, in the participants' order. */
  readonly endpoints: Endpoint[];
  readonly world: World;
  /** The data each endpoint last received (messages about retransmissions name it). */
  readonly lastData: Map<string, EffSegment>;
  /** Started with `reuses`: its first SYN may come from the old connection's TIME_WAIT. */
  readonly reusing: boolean;
  /** A segment, call, claim or wait ran in it. */
  used: boolean;
  /** The line of its last statement (its end-of-flow diagnostics point there). */
  lastLine: number;
  /** The later connection that took over its four-tuple, and where. */
  reusedBy?: { readonly name: string; readonly line: number } | undefined;
  /** Its endpoints when it ended (taken when another connection reused its four-tuple). */
  frozen?: Readonly<Record<string, Snapshot>> | undefined;
}

/** What the simulation reports of each connection. */
export interface ConnectionInfo {
  readonly name: string;
  readonly label?: string | undefined;
  readonly declaration?: ConnectionStmt | undefined;
  /** Its control blocks at the end (for a reused connection: the ones that carried on). */
  readonly endpoints: readonly Endpoint[];
  /** Its endpoints at the end, or when its four-tuple was reused. */
  readonly final: Readonly<Record<string, Snapshot>>;
  readonly lastLine: number;
  readonly reusedBy?: { readonly name: string; readonly line: number } | undefined;
}

/** The states a four-tuple may be reused from: the old connection is over at that end. */
const REUSABLE: ReadonlySet<TcpState> = new Set<TcpState>(['TIME_WAIT', 'CLOSED', 'LISTEN']);
/** The states whose end of the old connection is gone: the new connection starts there afresh. */
const REUSABLE_FRESH: ReadonlySet<TcpState> = new Set<TcpState>(['CLOSED', 'LISTEN']);

export class Connections {
  readonly all: Connection[] = [];
  private now: Connection;
  /** The named connections (a capture may hold thousands: no linear search per `connection` line). */
  private readonly byName = new Map<string, Connection>();
  /** The TIME_WAIT timers of the connections that are not current (a `wait` takes out the ones that ran out). */
  readonly timeWaits = new TimeWaits<Connection>((c) => c.endpoints);
  /** The order connections started in (a `wait` reports their changes in that order). */
  private readonly order = new Map<Connection, number>();
  /** The names started so far, for "did you mean". */
  private readonly names = new NameSuggestions();

  constructor(
    private readonly parts: readonly Participant[],
    first: World,
    /** A new endpoint for a participant, in the state its role starts every connection in. */
    private readonly fresh: (p: Participant) => Endpoint,
    private readonly out: Diagnostic[],
    private readonly lineBase: number,
  ) {
    this.now = { name: '', endpoints: first.endpoints, world: first, lastData: new Map(), reusing: false, used: false, lastLine: 0 };
    this.all.push(this.now);
    this.order.set(this.now, 0);
  }

  /** The connection segments, calls and claims apply to. */
  get current(): Connection {
    return this.now;
  }
  set current(c: Connection) {
    if (c === this.now) return;
    // A connection whose four-tuple another one took over keeps no timer of its own (a `wait`
    // skips it): the endpoint it carried on counts down in the connection that took it.
    if (this.order.has(this.now) && !this.now.reusedBy) this.timeWaits.leave(this.now);
    this.now = c;
    if (!c.reusedBy) this.timeWaits.enter(c);
  }

  /** Connections in the order they started (a `wait` reports their changes in that order). */
  byOrder(list: Iterable<Connection>): Connection[] {
    const out = [...new Set(list)];
    out.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    return out;
  }

  get(name: string): Connection | undefined {
    return this.byName.get(name);
  }

  /** A `connection` line: switch to the named connection, starting it if it is new. */
  enter(stmt: ConnectionStmt): void {
    const name = stmt.name.text;
    const existing = this.get(name);
    if (existing) {
      if (stmt.label || stmt.reuses) {
        const rest = span(stmt.line, stmt.name.range.end, stmt.range.end);
        this.out.push(
          diag(
            'TF124',
            rest,
            { name, line: (existing.declaration?.line ?? 0) + this.lineBase },
            {
              fixes: [replaceFix(rest, '', 'Return with the name only', '이름만 써서 돌아가기')],
              ...(existing.declaration
                ? { related: [related(existing.declaration.name.range, `${name} starts here`, `${name}은(는) 여기서 시작합니다`)] }
                : {}),
            },
          ),
        );
      }
      if (existing.reusedBy) {
        this.out.push(diag('TF212', stmt.name.range, { name, by: existing.reusedBy.name, line: existing.reusedBy.line + this.lineBase }));
      }
      this.current = existing;
      return;
    }
    // The unnamed connection nothing has happened in yet becomes the first named one (declared states and all).
    const unnamed = this.current.name === '' && !this.current.used ? this.current : undefined;
    const old = stmt.reuses && this.reusable(stmt, stmt.reuses);
    let next: Connection;
    if (unnamed && !old) {
      next = unnamed;
    } else {
      // An end in TIME_WAIT, or one still synchronized, holds the four-tuple: it carries on into the new connection.
      const endpoints = this.parts.map((p, i) => (old && old.endpoints[i] && !REUSABLE_FRESH.has(old.endpoints[i]!.state) ? old.endpoints[i]! : this.fresh(p)));
      next = { name, endpoints, world: this.current.world.another(endpoints), lastData: new Map(), reusing: !!old, used: false, lastLine: stmt.line };
      if (unnamed) {
        this.all.splice(this.all.indexOf(unnamed), 1); // it is the last one: nothing is moved
        this.order.delete(unnamed); // gone: no timer of its own runs on
      }
      this.order.set(next, this.order.size);
      this.all.push(next);
    }
    next.name = name;
    this.byName.set(name, next);
    this.names.add(name, stmt.line);
    next.label = stmt.label?.value;
    next.declaration = stmt;
    next.lastLine = stmt.line;
    if (old) {
      old.frozen = Object.fromEntries(old.endpoints.map((e) => [e.name, snapshot(e)]));
      old.reusedBy = { name, line: stmt.line };
      old.world.end();
    }
    this.current = next;
  }

  /** The connection `reuses` names, if its four-tuple may be reused (TF123, TF210, TF211 otherwise). */
  private reusable(stmt: ConnectionStmt, n: Name): Connection | undefined {
    const old = this.get(n.text);
    if (!old) {
      // A bounded number of the names started so far (a capture may hold thousands).
      const s = this.names.suggest(n.text, stmt.line);
      this.out.push(diag('TF123', n.range, { name: n.text, ...(s ? { suggestion: s } : {}) }, s ? { fixes: [changeTo(n.range, s)] } : {}));
      return undefined;
    }
    if (old.reusedBy) {
      this.out.push(
        diag(
          'TF211',
          n.range,
          { name: n.text, by: old.reusedBy.name, line: old.reusedBy.line + this.lineBase },
          { fixes: [changeTo(n.range, old.reusedBy.name)] },
        ),
      );
      return undefined;
    }
    // One host whose end is over may open the four-tuple again; the other's socket, still
    // synchronized there, carries over and meets the new SYN (Linux answers it with an ACK, the
    // opener's RST clears it, and its next SYN gets through). Only when no end is over is it refused.
    const cooked = old.endpoints.filter((e) => !e.raw);
    const open = cooked.find((e) => !REUSABLE.has(e.state));
    if (open && cooked.every((e) => !REUSABLE.has(e.state))) {
      // The fix makes it a connection of its own (another port): `reuses c1` goes, with the space before it.
      const clause = stmt.reusesClause;
      const fixes = clause
        ? [
            replaceFix(
              span(clause.line, Math.max(0, clause.start - 1), clause.end),
              '',
              'Start it on a four-tuple of its own',
              '자기 주소·포트 쌍으로 시작하기',
            ),
          ]
        : [];
      this.out.push(diag('TF210', n.range, { name: stmt.name.text, old: n.text, who: open.name, state: open.state }, { fixes }));
      return undefined;
    }
    return old;
  }

  /** Every connection as the simulation reports it. */
  infos(): ConnectionInfo[] {
    return this.all.map((c) => ({
      name: c.name,
      label: c.label,
      declaration: c.declaration,
      endpoints: c.endpoints,
      final: c.frozen ?? Object.fromEntries(c.endpoints.map((e) => [e.name, snapshot(e)])),
      lastLine: c.lastLine,
      reusedBy: c.reusedBy,
    }));
  }
}
