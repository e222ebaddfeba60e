/**
 * The character codes the scanner and the segment-line fast path compare (one list, so the two
 * readers cannot disagree on what a blank, a digit or a name character is), and the ASCII
 * tests both make before any Unicode property test.
 */

export const TAB = 9;
export const SPACE = 32;
export const QUOTE = 34; // "
export const HASH = 35; // #
export const AMP = 38; // &
export const PLUS = 43; // +
export const COMMA = 44; // ,
export const MINUS = 45; // -
export const DOT = 46; // .
export const SLASH = 47; // /
export const COLON = 58; // :
export const EQUALS = 61; // =
export const GREATER = 62; // >
export const QUESTION = 63; // ?
export const AT = 64; // @
export const UPPER_X = 88; // X
export const BACKSLASH = 92; // \
export const UNDERSCORE = 95; // _
export const LOWER_X = 120; // x
export const BOM = 0xfeff;

export const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A letter, a digit or `_`: what an ASCII name is made of. */
export const isAsciiNameChar = (c: number): boolean => isAsciiLetter(c) || isAsciiDigit(c) || c === UNDERSCORE;
export const isBlank = (c: number): boolean => c === SPACE || c === TAB;
