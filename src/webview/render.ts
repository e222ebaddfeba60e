/**
 * Mermaid rendering for the preview (Mermaid itself is dist/mermaid.js, a script of its own): strict security, theme from VS Code, a text limit sized to
 * the flow (within reason), and the mapping from drawn arrows and notes back to source lines.
 */

import type { Diagram } from '../shared/previewProtocol.js';
import { setUpMermaid } from '../dom/mermaidSetup.js';

/** Mermaid's default limit is 50,000 characters; long flows get more, up to this. */
const MAX_TEXT = 2_000_000;
let renderCount = 0;

export async function renderSvg(diagram: Diagram): Promise<string> {
  const mermaid = await setUpMermaid({
    // In powers of two, so that typing does not change the configuration at every keystroke.
    maxTextSize: Math.min(MAX_TEXT, Math.max(50_000, 2 ** Math.ceil(Math.log2(diagram.mermaid.length * 2 + 1)))),
    maxEdges: 20_000,
    sequence: { useMaxWidth: false, wrap: false, showSequenceNumbers: false },
  });
  const { svg } = await mermaid.render(`tcpflow-svg-${++renderCount}`, diagram.mermaid);
  return svg;
}

export interface DrawnElement {
  readonly kind: 'message' | 'note';
  readonly line: number;
  readonly nodes: Element[];
}

/**
 * Finds each message (its text and line) and note (its box and text) in drawing order and pairs
 * them with the diagram's elements, so a click can name the source line.
 */
export function mapElements(svg: SVGSVGElement, diagram: Diagram): DrawnElement[] {
  const texts = [...svg.querySelectorAll('text.messageText')];
  const lines = [...svg.querySelectorAll('line[class^="messageLine"], path[class^="messageLine"]')];
  const noteBoxes = [...svg.querySelectorAll('rect.note')];
  const noteTexts = [...svg.querySelectorAll('text.noteText')];
  const out: DrawnElement[] = [];
  let m = 0;
  let n = 0;
  for (const e of diagram.elements) {
    if (e.kind === 'message') {
      const nodes = [texts[m], lines[m]].filter((x): x is Element => !!x);
      m++;
      out.push({ kind: 'message', line: e.line, nodes });
    } else {
      const nodes = [noteBoxes[n], noteTexts[n]].filter((x): x is Element => !!x);
      n++;
      out.push({ kind: 'note', line: e.line, nodes });
    }
  }
  return out;
}
