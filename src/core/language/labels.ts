/**
 * Segment labels (`@d1` on a segment line, `arrives d1` where it reaches its receiver): where
 * each label is defined and used in a document. The simulation reads the first definition of a
 * label; the editor's definition, references, rename and completion read them all.
 */

import type { Document, Name } from './ast.js';

export interface LabelOccurrence {
  readonly name: Name;
  /** On a segment line (`@d1`, the definition when it is the first) or an `arrives` line. */
  readonly kind: 'send' | 'arrives';
}

/** Every label occurrence, in document order. */
export function labelOccurrences(doc: Document): LabelOccurrence[] {
  const out: LabelOccurrence[] = [];
  for (const s of doc.statements) {
    if (s.kind === 'segment' && s.label) out.push({ name: s.label, kind: 'send' });
    else if (s.kind === 'arrives') out.push({ name: s.label, kind: 'arrives' });
  }
  return out;
}

/** Each label's first definition (the line of the segment that carries it). */
export function labelDefinitions(doc: Document): Map<string, Name> {
  const out = new Map<string, Name>();
  for (const o of labelOccurrences(doc)) if (o.kind === 'send' && !out.has(o.name.text)) out.set(o.name.text, o.name);
  return out;
}
