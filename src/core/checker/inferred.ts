/**
 * Segments the capture did not see (`?` at the start of a segment line): they happened, so the
 * checker judges them like any other, but their fields are the importer's (or the author's)
 * guess. An error on such a line is reported as a warning, TF303 "inferred segment: …", carrying
 * the original message, range and fixes.
 */

import { diag, messageOf, type Diagnostic } from '../common/diagnostics.js';

export function asInferred(d: Diagnostic): Diagnostic {
  if (d.severity !== 'error') return d;
  const message = `${d.code} ${messageOf(d, 'en')}`;
  const messageKo = `${d.code} ${messageOf(d, 'ko')}`;
  return diag('TF303', d.range, { message, messageKo, inner: d.code }, { related: d.related, fixes: d.fixes });
}
