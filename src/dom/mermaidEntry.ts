/**
 * dist/mermaid.js, the one Mermaid in the package: Mermaid from npm, built for the sequence
 * diagrams tcpflow draws (esbuild.mjs leaves out the other diagram types and their layouts),
 * minified. It hands Mermaid to the page under our own global name and says so with an event,
 * because VS Code's Markdown preview loads its scripts asynchronously, in no set order. The
 * preview webview loads it as a second script under the same nonce; the slide file inlines it.
 */

import mermaid from 'mermaid';
import { MERMAID_GLOBAL, MERMAID_READY_EVENT } from './mermaid.js';

(globalThis as unknown as Record<string, unknown>)[MERMAID_GLOBAL] = mermaid;
globalThis.dispatchEvent(new Event(MERMAID_READY_EVENT));
