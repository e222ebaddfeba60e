/**
 * The core's second public surface, for the pages (the preview webview, present mode, the slide
 * file's script): the few small helpers they run, without the checker that `index.ts` brings
 * into a bundle. Types the pages need come from `index.ts` (`import type` costs a bundle
 * nothing). Code outside src/core imports `index.ts` or this file, never a room's file (ESLint,
 * scripts/importFences.mjs).
 */

export { particles } from './common/korean.js';
export { T, type Text } from './common/text.js';
