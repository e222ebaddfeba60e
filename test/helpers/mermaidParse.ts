/**
 * Real Mermaid's parser (the same package the preview bundles) as the validity oracle.
 * Mermaid sanitizes titles with DOMPurify, which needs a DOM: jsdom provides one in Node.
 */

import { JSDOM } from 'jsdom';

export interface ParseOutcome {
  readonly ok: boolean;
  readonly error?: string;
  readonly config?: unknown;
}

type Mermaid = typeof import('mermaid').default;
let loaded: Promise<Mermaid> | undefined;

function load(): Promise<Mermaid> {
  if (!loaded) {
    const g = globalThis as Record<string, unknown>;
    if (!g['window']) g['window'] = new JSDOM('').window;
    loaded = import('mermaid').then((m) => m.default);
  }
  return loaded;
}

export async function parseMermaid(text: string): Promise<ParseOutcome> {
  const mermaid = await load();
  try {
    const r = await mermaid.parse(text);
    return r ? { ok: true, config: r.config } : { ok: false, error: 'parse returned false' };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
