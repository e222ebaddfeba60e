/**
 * Text that comes from a capture or a file name, written into a flow only as plain text: a line
 * break, a control or a format character in it is escaped, so nothing it holds can start a
 * statement of its own (a file name with a line break must not add a `title` or a RST line).
 */

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const code = (c: string): string => {
  const n = c.codePointAt(0)!;
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/** One line of plain text (a comment, a title): `\n`, `\r`, `\t` and other such characters as escapes. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : code(c)));
}

/**
 * A quoted string of the language (`as "…"`): `\` and `"` escaped, line breaks and tabs as the
 * language's `\n`, `\r`, `\t`; any other control or format character (which has no escape in
 * the language) as `?`.
 */
export function quoted(text: string): string {
  const body = text.replace(/[\\"]/g, '\\$&').replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : '?'));
  return `"${body}"`;
}
