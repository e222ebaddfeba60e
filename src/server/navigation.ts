/**
 * Navigation over a flow's names (participants, symbols, segment labels): go to definition, find references,
 * rename. Each works on the analysed document; `lineOffset` maps a ```tcpflow block's lines back
 * to the Markdown file's.
 */

import { ErrorCodes, ResponseError, type Location, type Range, type WorkspaceEdit } from 'vscode-languageserver/node';
import { isValidName, particles, T, type Lang } from '../core/index.js';
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

/** Why a new name is refused, or undefined when the rename may go ahead. */
function refusal(hit: Hit, newName: string, lang: Lang): string | undefined {
  if (!/^\p{L}[\p{L}\p{N}_]*$/u.test(newName)) {
    return T(
      `'${newName}' is not a name: letters, digits and _, starting with a letter`,
      `${particles(`'${newName}'은(는)`)} 이름이 될 수 없습니다: 글자로 시작하고 글자, 숫자, _만 씁니다`,
    )[lang];
  }
  if (!isValidName(newName)) {
    return T(
      `'${newName}' is a keyword of the language: renaming to it would change what the lines mean`,
      `${particles(`'${newName}'은(는)`)} 언어의 키워드입니다: 이 이름으로 바꾸면 줄의 뜻이 달라집니다`,
    )[lang];
  }
  if (newName !== hit.occ.text && occurrences(hit.flow).some((o) => o.kind === hit.occ.kind && o.text === newName)) {
    return T(
      `'${newName}' is already a name in this flow: renaming to it would merge the two`,
      `${particles(`'${newName}'은(는)`)} 이 흐름에서 이미 쓰는 이름입니다: 이 이름으로 바꾸면 둘이 합쳐집니다`,
    )[lang];
  }
  return undefined;
}

/**
 * The edit renaming every occurrence. A new name that is not a name, is a keyword (`title`,
 * `note`, `client`…) or names another participant, connection, label or symbol of the flow is
 * refused with a message the editor shows.
 */
export function rename(a: Analysis, uri: string, p: Position, newName: unknown, lang: Lang): WorkspaceEdit | null {
  const hit = hitAt(a, p);
  if (!hit) return null;
  if (typeof newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'newName is not a string');
  const why = refusal(hit, newName, lang);
  if (why !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, why);
  return { changes: { [uri]: sameName(hit).map((o) => ({ range: rangeOf(hit, o), newText: newName })) } };
}
