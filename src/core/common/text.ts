/**
 * Text in every language tcpflow speaks (English and Korean): reasons, causes, fix titles and
 * explanations travel as one value and are picked per language at the edge.
 */

export interface Text {
  readonly en: string;
  readonly ko: string;
}

/** A text in English and Korean: `T('…', '…')`. */
export const T = (en: string, ko: string): Text => ({ en, ko });
