/**
 * Who the two endpoints are: declared with `client`/`server`/`peer`, or taken from the first
 * segment (its sender is the client, its receiver the server). Reports duplicates and any
 * third name.
 */

import type { Document, Name, ParticipantStmt } from '../language/ast.js';
import { changeTo, diag, related, type Diagnostic } from '../common/diagnostics.js';
import { didYouMean, type Role, type TcpState } from '../common/vocabulary.js';

export interface Participant {
  readonly name: string;
  readonly role: Role;
  readonly raw: boolean;
  readonly label?: string;
  readonly initial: TcpState;
  readonly declaration?: ParticipantStmt;
}

export class Participants {
  readonly list: Participant[] = [];
  private allDeclared = false;

  constructor(
    doc: Document,
    private readonly out: Diagnostic[],
    /** Added to a 0-based line to name it in a message. */
    lineBase = 1,
  ) {
    for (const s of doc.statements) {
      if (s.kind !== 'participant') continue;
      const existing = this.get(s.name.text);
      if (existing) {
        const line = existing.declaration ? existing.declaration.line + lineBase : 0;
        this.out.push(diag('TF112', s.name.range, { name: s.name.text, line }));
        continue;
      }
      if (this.list.length === 2) {
        this.out.push(diag('TF105', s.name.range, { name: s.name.text }));
        continue;
      }
      const initial = s.initialState?.state ?? (s.role === 'server' ? 'LISTEN' : 'CLOSED');
      this.list.push({ name: s.name.text, role: s.role, raw: s.raw, initial, declaration: s, ...(s.label ? { label: s.label.value } : {}) });
    }
    this.allDeclared = this.list.length === 2;
    for (const s of doc.statements) {
      if (this.list.length >= 2) break;
      if (s.kind === 'segment') {
        // A forged segment's sender is a third party: the endpoint it pretends to be is the one that counts.
        this.implicit(s.spoofs ? s.spoofs.text : s.fromText, this.list.length === 0 ? 'client' : undefined);
        this.implicit(s.toText, undefined);
      } else if (s.kind === 'call') {
        this.implicit(s.subject.text, s.call === 'listen' ? 'server' : s.call === 'connect' ? 'client' : undefined);
      }
    }
  }

  private implicit(name: string, role: Role | undefined): void {
    if (this.get(name) || this.list.length >= 2) return;
    const other = this.list[0]?.role;
    const r: Role = role ?? (other === 'client' ? 'server' : other === 'server' ? 'client' : other === 'peer' ? 'peer' : 'client');
    this.list.push({ name, role: r, raw: false, initial: r === 'server' ? 'LISTEN' : 'CLOSED' });
  }

  get(name: string): Participant | undefined {
    // A plain loop: asked twice a segment, it makes no closure.
    const list = this.list;
    for (let k = 0; k < list.length; k++) if (list[k]!.name === name) return list[k];
    return undefined;
  }

  other(name: string): Participant | undefined {
    return this.list.find((p) => p.name !== name);
  }

  /** The participant a name refers to, or a diagnostic (once per unknown name) and undefined. */
  resolve(n: Name): Participant | undefined {
    const p = this.get(n.text);
    if (p) return p;
    const names = this.list.map((q) => q.name);
    if (this.allDeclared) {
      const s = didYouMean(n.text, names);
      this.out.push(
        diag(
          'TF106',
          n.range,
          { name: n.text, ...(s ? { suggestion: s } : {}) },
          {
            ...(s ? { fixes: [changeTo(n.range, s)] } : {}),
            related: this.list.flatMap((q) =>
              q.declaration ? [related(q.declaration.name.range, `${q.name} is declared here`, `${q.name}은(는) 여기서 선언됩니다`)] : [],
            ),
          },
        ),
      );
    } else {
      const s = didYouMean(n.text, names);
      this.out.push(diag('TF105', n.range, { name: n.text, ...(s ? { suggestion: s } : {}) }, s ? { fixes: [changeTo(n.range, s)] } : {}));
    }
    return undefined;
  }
}
