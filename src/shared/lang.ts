/**
 * The language tcpflow speaks to a user, from a locale as VS Code (`ko`, `ko-KR`), a browser page
 * (`<html lang>`) or POSIX (`ko_KR.UTF-8`) writes it: Korean for `ko` and its regions, else English.
 * The words themselves travel as the core's bilingual `Text` and are picked with `[lang]`.
 */

import type { Lang } from '../core/index.js';

export function langOf(locale: string | undefined): Lang {
  return /^ko(?![a-z])/i.test(locale ?? '') ? 'ko' : 'en';
}
