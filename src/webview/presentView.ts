/**
 * The diagram side of present mode: at step k, the arrows and notes of later steps are hidden
 * (the layout stays put), the current step is marked, and in quiz mode its state notes are
 * hidden and its seq/ack values shown as `?` until revealed. Used by the preview, the HTML slide
 * file and the per-step SVG export.
 */

import type { PresentStep } from '../core/index.js';
import type { DrawnElement } from './render.js';

/** Par frames and the error backgrounds: hidden while they lie below everything shown. */
const FRAMES = '.loopLine, .loopText, .labelBox, .labelText, rect.rect';

export const FUTURE = 'present-future';
export const NOW = 'present-now';

/**
 * The label with the step's numbers hidden: each number exactly as the core says the diagram
 * draws it (`PresentStep.numbers`, with its `✗` mark and expected value), replaced, not found
 * again in the drawn text by pattern.
 */
export function maskNumbers(s: string, numbers: readonly { readonly drawn: string; readonly hidden: string }[] | undefined): string {
  let out = s;
  for (const n of numbers ?? []) {
    const at = out.indexOf(n.drawn);
    if (at < 0) continue;
    const end = at + n.drawn.length;
    // A part hidden to nothing (a missing ACK's `✗ ack=…`) takes its space before it along.
    const start = n.hidden === '' && out[at - 1] === ' ' ? at - 1 : at;
    out = out.slice(0, start) + n.hidden + out.slice(end);
  }
  return out;
}

function ownTextNode(el: Element): Text | undefined {
  for (const n of el.childNodes) if (n.nodeType === 3) return n as Text;
  return undefined;
}

/** An element's own text, without the hover title the preview adds to marked arrows. */
export function ownText(el: Element): string {
  let s = '';
  for (const n of el.childNodes) if (n.nodeName !== 'title') s += n.textContent ?? '';
  return s;
}

/** The last line shown at step `index`: 0 is the start (nothing sent yet), k is after steps[k-1]. */
function lastVisibleLine(steps: readonly PresentStep[], index: number): number {
  // At the end (or with no steps) everything shows, the notes after the last step too.
  if (index >= steps.length) return Number.POSITIVE_INFINITY;
  return index > 0 ? steps[index - 1]!.line : steps[0]!.line - 1;
}

/** Shows the diagram as it stands after step `index`; `quiz` hides the current step's answers. */
export function applyStep(svg: SVGSVGElement, drawn: readonly DrawnElement[], steps: readonly PresentStep[], index: number, quiz: boolean): void {
  for (const t of svg.querySelectorAll<SVGElement>('[data-present-text]')) {
    const node = ownTextNode(t);
    if (node) node.nodeValue = t.dataset['presentText'] ?? '';
    delete t.dataset['presentText'];
  }
  const current = index > 0 ? steps[index - 1] : undefined;
  const limit = lastVisibleLine(steps, index);
  let actionShown = false;
  // Classes are set first and sizes read after: a size read after each class change made Chromium
  // lay the whole drawing out again for every node (cubic work over a deck of steps).
  const shown: SVGGraphicsElement[] = [];
  for (const d of drawn) {
    const future = d.line > limit;
    const isNow = current !== undefined && d.line === current.line;
    let hidden = future;
    if (isNow && quiz) {
      if (d.kind === 'message') {
        for (const n of d.nodes) {
          const node = ownTextNode(n);
          if (!node || n.nodeName !== 'text') continue;
          n.setAttribute('data-present-text', node.nodeValue ?? '');
          node.nodeValue = maskNumbers(node.nodeValue ?? '', current.numbers);
        }
      } else if (current.kind !== 'segment' && !actionShown) {
        actionShown = true; // the call or wait itself is the question, not the answer
      } else {
        hidden = true;
      }
    }
    for (const n of d.nodes) {
      n.classList.toggle(FUTURE, hidden);
      n.classList.toggle(NOW, isNow && !hidden);
      if (!future) shown.push(n as SVGGraphicsElement);
    }
  }
  let bottom = Number.NEGATIVE_INFINITY;
  for (const n of shown) {
    const b = n.getBBox();
    bottom = Math.max(bottom, b.y + b.height);
  }
  const frames = [...svg.querySelectorAll<SVGGraphicsElement>(FRAMES)];
  const below = frames.map((el) => el.getBBox().y > bottom);
  frames.forEach((el, i) => el.classList.toggle(FUTURE, below[i]));
}

/** The first drawn node of the current step, to scroll to. */
export function currentNode(svg: SVGSVGElement): Element | null {
  return svg.querySelector(`.${NOW}`);
}
