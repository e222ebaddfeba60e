// Types of importFences.mjs, for the TypeScript that imports it (test/core/layering.test.ts).
import type { Linter } from 'eslint';

export declare const PARTS: Readonly<Record<string, readonly string[]>>;
export declare const CORE_SURFACES: readonly string[];
export declare function fencePatterns(part: string): Array<{ group?: string[]; regex?: string; message: string }>;
export declare function importFences(): Linter.Config[];
