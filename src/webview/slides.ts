/**
 * The script of the HTML slide file (dist/slides.js, inlined after dist/mermaid.js by
 * `tcpflow-cli render --format html` and "Export Presentation…"): draws the flow with that
 * Mermaid, strictly, in the system's light or dark colours, and presents it step by step — the
 * preview's present mode, offline, in any browser. For `--format svg` it hands each step's SVG
 * to the CLI instead, one at a time.
 */

import previewCss from '../../media/preview.css';
import slidesCss from '../../media/slides.css';
import type { PresentStep } from '../core/index.js';
import { SLIDE_DATA_ID, type SlideData } from '../shared/slideData.js';
import { SVG_EXPORT_BINDING, type SvgExportMessage } from '../shared/slideHtml.js';
import { Presenter } from './present.js';
import { applyStep, FUTURE, NOW } from './presentView.js';
import { mapElements, renderSvg, type DrawnElement } from './render.js';

const data = JSON.parse(document.getElementById(SLIDE_DATA_ID)?.textContent ?? '{}') as SlideData;
const style = document.createElement('style');
style.textContent = `${previewCss}\n${slidesCss}`;
document.head.append(style);
const viewport = document.getElementById('viewport')!;
const canvas = document.getElementById('canvas')!;
const banner = document.getElementById('banner')!;
const dark = window.matchMedia('(prefers-color-scheme: dark)');
const presenter = new Presenter({ lang: data.lang }, viewport, canvas);

async function draw(): Promise<DrawnElement[]> {
  document.body.classList.toggle('vscode-dark', dark.matches);
  document.body.classList.toggle('vscode-light', !dark.matches);
  canvas.innerHTML = await renderSvg(data.diagram);
  return mapElements(canvas.querySelector('svg')!, data.diagram);
}

/** Step `i` as a standalone SVG: later steps left out, the current arrow in bold. */
function stepSvg(svg: SVGSVGElement, drawn: readonly DrawnElement[], steps: readonly PresentStep[], i: number): string {
  applyStep(svg, drawn, steps, i, false);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const n of clone.querySelectorAll(`.${FUTURE}, rect.rect`)) n.remove();
  for (const n of clone.querySelectorAll(`.${NOW}`)) {
    n.setAttribute('style', `${n.getAttribute('style') ?? ''};font-weight:bold;stroke-width:3px`);
    n.classList.remove(NOW);
  }
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.ceil(clone.viewBox.baseVal.width)));
  clone.setAttribute('height', String(Math.ceil(clone.viewBox.baseVal.height)));
  clone.removeAttribute('style');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/**
 * `render --format svg`: the CLI drives this page over the DevTools protocol and has given it a
 * binding; each step goes out through it as soon as it is made, so the CLI writes it at once and
 * neither side holds the whole deck.
 */
function exportSteps(drawn: readonly DrawnElement[], send: (message: string) => void): void {
  const svg = canvas.querySelector('svg')!;
  const steps = data.diagram.presentation?.steps ?? [];
  for (let i = 0; i <= steps.length; i++) send(JSON.stringify({ step: i, svg: stepSvg(svg, drawn, steps, i) } satisfies SvgExportMessage));
  send(JSON.stringify({ done: steps.length + 1 } satisfies SvgExportMessage));
}

const svgBinding = (): ((message: string) => void) | undefined => {
  const b = (window as unknown as Record<string, unknown>)[SVG_EXPORT_BINDING];
  return typeof b === 'function' ? (b as (message: string) => void) : undefined;
};

async function start(): Promise<void> {
  const exporting = data.exportSvg ? svgBinding() : undefined;
  try {
    const drawn = await draw();
    if (data.exportSvg) {
      if (!exporting) throw new Error('this page writes SVGs only for tcpflow-cli render --format svg');
      exportSteps(drawn, exporting);
      return;
    }
    presenter.show(data.diagram, drawn);
    presenter.enter();
    dark.addEventListener('change', () => {
      void draw().then((again) => presenter.show(data.diagram, again));
    });
  } catch (e) {
    const message = `Mermaid could not draw this flow: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    banner.hidden = false;
    banner.textContent = message;
    exporting?.(JSON.stringify({ error: message } satisfies SvgExportMessage));
  }
}

void start();
