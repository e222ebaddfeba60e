/**
 * Escaping of user text for Mermaid. Every character that could end a statement (`;`, line
 * breaks), start a comment or directive (`%%`, `%%{init}%%`), open HTML (`<`, `&`) or an entity
 * (`#`) becomes a Mermaid entity code (`#59;`), which Mermaid draws as the character itself.
 * What comes out contains only characters that are inert in every text position we use.
 */

const ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  '%': '#37;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
  '"': '#quot;',
  '{': '#123;',
  '}': '#125;',
  '\\': '#92;',
  '`': '#96;',
  ':': '#58;',
  // Mermaid's own entity markers: never let user text forge them.
  ﬂ: '#64258;',
  '¶': '#182;',
};

const MAX_TEXT = 300;

/** Text for a message, note, title or participant label: one line, inert, bounded. */
export function escapeText(text: string, max = MAX_TEXT): string {
  let s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  let out = '';
  for (const ch of s) out += ENTITIES[ch] ?? ch;
  return out;
}

/** A payload shown in a label: control characters made visible, quoted, shortened. */
export function showPayload(value: string, max = 24): string {
  const visible = value.replace(/\r/g, '␍').replace(/\n/g, '␊').replace(/\t/g, '␉');
  const cut = visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
  return `"${cut}"`;
}
