/**
 * User text placed in Markdown output as plain text (the heading `render --format markdown`
 * writes from a flow's title): every ASCII punctuation character is backslash-escaped, which
 * CommonMark and GitHub read as the character itself, so no HTML, link, emphasis or heading
 * syntax comes alive; control characters and line breaks become spaces.
 */

export function markdownText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .trim()
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}
