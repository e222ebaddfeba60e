/**
 * The script of the HTML slide file (dist/slides.js, inlined after dist/mermaid.js by
 * `tcpflow-cli render --format html` and "Export Presentation…"): draws the flow with that
 * Mermaid, strictly, in the system's light or dark colours, and presents it step by step — the
 * preview's present mode, offline, in any browser. For `--format svg` it writes each step's SVG into the page instead.
 */

import previewCss from '../../media/preview.css';
import slidesCss from '../../media/slides.css';
import { SLIDE_DATA_ID, SVG_EXPORT_ID, type SlideData } from '../shared/slideData.js';
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

/** Each step as a standalone SVG: later steps left out, the current arrow in bold. */
function stepSvgs(drawn: readonly DrawnElement[]): string[] {
  const svg = canvas.querySelector('svg')!;
  const steps = data.diagram.presentation?.steps ?? [];
  const out: string[] = [];
  for (let i = 0; i <= steps.length; i++) {
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
    out.push(`<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`);
  }
  return out;
}

async function start(): Promise<void> {
  try {
    const drawn = await draw();
    if (data.exportSvg) {
      const pre = document.createElement('pre');
      pre.id = SVG_EXPORT_ID;
      const bytes = new TextEncoder().encode(JSON.stringify(stepSvgs(drawn)));
      let bin = '';
      for (const b of bytes) bin += String.fromCharCode(b);
      pre.textContent = btoa(bin);
      document.body.append(pre);
      return;
    }
    presenter.show(data.diagram, drawn);
    presenter.enter();
    dark.addEventListener('change', () => {
      void draw().then((again) => presenter.show(data.diagram, again));
    });
  } catch (e) {
    banner.hidden = false;
    banner.textContent = `Mermaid could not draw this flow: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
}

void start();
