/**
 * Navigation over a flow's names (participants, symbols, segment labels): go to definition, find references,
 * rename. Each works on the analysed document; `lineOffset` maps a ```tcpflow block's lines back
 * to the Markdown file's.
 */

import type { Location, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import { particles, T, type Lang } from '../core/index.js';
import { flowAt, type Analysis, type Flow } from './analysis.js';
import { occurrenceAt, occurrences, type Occurrence } from './occurrences.js';

interface Position {
  readonly line: number;
  readonly character: number;
}

interface Hit {
  readonly occ: Occurrence;
  readonly flow: Flow;
}

function hitAt(a: Analysis, p: Position): Hit | undefined {
  const at = flowAt(a, p.line);
  if (!at) return undefined;
  const occ = occurrenceAt(at.flow, at.line, p.character);
  return occ ? { occ, flow: at.flow } : undefined;
}

function rangeOf(hit: Hit, o: Occurrence): Range {
  const line = o.span.line + hit.flow.lineOffset;
  return { start: { line, character: o.span.start }, end: { line, character: o.span.end } };
}

/** Every occurrence of the same name as the one at the hit (the same kind and text). */
const sameName = (hit: Hit): Occurrence[] => occurrences(hit.flow).filter((o) => o.kind === hit.occ.kind && o.text === hit.occ.text);

export function definition(a: Analysis, uri: string, p: Position): Location | null {
  const hit = hitAt(a, p);
  const def = hit && sameName(hit).find((o) => o.defining);
  return hit && def ? { uri, range: rangeOf(hit, def) } : null;
}

export function references(a: Analysis, uri: string, p: Position, includeDeclaration: boolean): Location[] {
  const hit = hitAt(a, p);
  if (!hit) return [];
  return sameName(hit)
    .filter((o) => includeDeclaration || !o.defining)
    .map((o) => ({ uri, range: rangeOf(hit, o) }));
}

export function prepareRename(a: Analysis, p: Position): { range: Range; placeholder: string } | null {
  const hit = hitAt(a, p);
  return hit ? { range: rangeOf(hit, hit.occ), placeholder: hit.occ.text } : null;
}

/** The edit renaming every occurrence; a new name that is not a name is refused with a message. */
export function rename(a: Analysis, uri: string, p: Position, newName: string, lang: Lang): WorkspaceEdit | null {
  const hit = hitAt(a, p);
  if (!hit) return null;
  if (!/^[\p{L}][\p{L}\p{N}_]*$/u.test(newName)) {
    throw new Error(T(`'${newName}' is not a name: letters, digits and _, starting with a letter`, `${particles(`'${newName}'은(는)`)} 이름이 될 수 없습니다: 글자로 시작하고 글자, 숫자, _만 씁니다`)[lang]);
  }
  return { changes: { [uri]: sameName(hit).map((o) => ({ range: rangeOf(hit, o), newText: newName })) } };
}
