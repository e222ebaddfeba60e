/**
 * What the CLI shows of a user's text on a terminal: control characters made visible, so a file
 * (or a file name) cannot clear the screen, set the window title, move the cursor or fake a line.
 * C0 controls (except a tab), DEL and C1 controls become `\xNN`; the line and paragraph
 * separators and the bidirectional controls become `\uNNNN`. Text without them is unchanged.
 */

const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string): string => {
  const n = c.charCodeAt(0);
  return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
};

/** One line of user text, every control character (a line break too) spelled out. */
export function visible(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** A message line for standard error or output: `text` made visible, then one newline. */
export function line(text: string): string {
  return `${visible(text)}\n`;
}

const DOCUMENT_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g;

/**
 * A document the CLI writes (Mermaid, a Markdown note): its line breaks (`\n`, `\r\n`) and tabs
 * are its structure and stay; every other C0 control, DEL and every C1 control becomes `\xNN`,
 * as in messages. (The separators and bidirectional controls are the author's text here.)
 */
export function visibleDocument(text: string): string {
  return text.replace(DOCUMENT_CONTROLS, escape);
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text of `value` (indented by two): JSON.stringify already writes C0 controls as `\u00NN`;
 * DEL, the C1 controls, the separators and the bidirectional controls are written as `\uNNNN`
 * too — the same JSON value, nothing raw on a terminal.
 */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
