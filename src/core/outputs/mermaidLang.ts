/**
 * The Mermaid diagram in the reader's language: the generator writes its own words (the crossing
 * block's label, `wait` notes, "(no flags)", the words of arrivals, …) from the language's table in
 * `diagramWords.ts`, and the author's text as written.
 */

import type { CheckResult } from '../checker/check.js';
import type { Lang } from '../common/diagnosticCodes.js';
import { toMermaid, type MermaidOptions, type MermaidOutput } from './mermaid.js';

export function toMermaidIn(result: CheckResult, options: MermaidOptions, lang: Lang): MermaidOutput {
  return toMermaid(result, { ...options, lang });
}
