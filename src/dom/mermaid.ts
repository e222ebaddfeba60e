/**
 * Mermaid for our page scripts, which never bundle it: dist/mermaid.js (src/dom/mermaidEntry.ts)
 * puts it on the page as a script of its own. `loadMermaid()` resolves once that script has run,
 * whichever of the two ran first; the types come from the npm package.
 */

export type Mermaid = typeof import('mermaid').default;

/** Our own name, so another extension's Mermaid on the same page (the Markdown preview) is left alone. */
export const MERMAID_GLOBAL = '__tcpflowMermaid';
export const MERMAID_READY_EVENT = 'tcpflow-mermaid-ready';

let loaded: Promise<Mermaid> | undefined;

const present = (): Mermaid | undefined => (globalThis as unknown as Record<string, Mermaid | undefined>)[MERMAID_GLOBAL];

export function loadMermaid(): Promise<Mermaid> {
  loaded ??= new Promise((resolve) => {
    const now = present();
    if (now) {
      resolve(now);
      return;
    }
    globalThis.addEventListener(MERMAID_READY_EVENT, () => resolve(present()!), { once: true });
  });
  return loaded;
}
