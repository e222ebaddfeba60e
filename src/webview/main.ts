/**
 * The preview webview: draws each diagram the extension posts, keeps the last good one under a
 * readable message when a flow has syntax errors or Mermaid fails, maps clicks on arrows and
 * notes back to source lines, highlights the cursor's line, zooms and pans, re-renders when the
 * theme changes, and exports SVG or PNG. The zoom fits the diagram to the pane's width until the
 * user zooms, per document; the participants' names stay in view above a long flow. State
 * survives reloads through get/setState.
 */

import { langOf } from '../shared/lang.js';
import type { FromWebview, ToWebview } from '../shared/previewProtocol.js';
import { stickyActors } from './actors.js';
import { Presenter } from './present.js';
import { mapElements, renderSvg, type DrawnElement } from './render.js';
import { themeKind } from '../dom/theme.js';

interface VsCodeApi {
  postMessage(m: FromWebview): void;
  getState(): PersistedState | undefined;
  setState(s: PersistedState): void;
}
/** 'fit': as wide as the pane (never above 100%); 'manual': the zoom the user chose. */
interface Zoom {
  mode: 'fit' | 'manual';
  zoom: number;
}
interface PersistedState {
  /** Per document (its URI). */
  zooms: Record<string, Zoom>;
  scrollLeft: number;
  scrollTop: number;
  uri?: string;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Update = Extract<ToWebview, { type: 'update' }>;

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
const state: PersistedState = {
  scrollLeft: saved?.scrollLeft ?? 0,
  scrollTop: saved?.scrollTop ?? 0,
  zooms: saved?.zooms ?? {},
  ...(saved?.uri ? { uri: saved.uri } : {}),
};
const $ = (id: string): HTMLElement => document.getElementById(id)!;
const viewport = $('viewport');
const canvas = $('canvas');
const banner = $('banner');
const notice = $('notice');
const actors = $('actors');
/** The page's language (previewHtml sets it from VS Code's): the few words said here follow it. */
const KO = document.documentElement.lang === 'ko';
/** Room the viewport's padding takes from the width a fitted diagram may use. */
const PADDING = 24;

let current: Update | undefined;
let lastKey = '';
let token = 0;
let drawn: DrawnElement[] = [];
let highlighted = -1;

const post = (m: FromWebview): void => vscode.postMessage(m);
const save = (): void => vscode.setState(state);
const presenter = new Presenter(
  {
    lang: langOf(document.documentElement.lang),
    step: (line) => post({ type: 'presentStep', line }),
    exit: () => present(false),
  },
  viewport,
  canvas,
);

/** Present mode on or off; the extension then sends the steps (or stops) and follows them in the editor. */
function present(on: boolean): void {
  if (on === presenter.active) return;
  if (on) presenter.enter();
  else {
    presenter.leave();
    applyZoom();
  }
  post({ type: 'presenting', on });
}

function svgEl(): SVGSVGElement | null {
  return canvas.querySelector('svg');
}

function naturalSize(svg: SVGSVGElement): { w: number; h: number } {
  const vb = svg.viewBox.baseVal;
  if (vb && vb.width > 0) return { w: vb.width, h: vb.height };
  const b = svg.getBBox();
  return { w: b.width, h: b.height };
}

function zoomState(): Zoom {
  const key = state.uri ?? '';
  return (state.zooms[key] ??= { mode: 'fit', zoom: 1 });
}

/** The zoom in effect: the user's, or the one that fits the diagram's width into the pane (`paneWidth`: its clientWidth). */
function effectiveZoom(svg: SVGSVGElement, paneWidth: number): number {
  const z = zoomState();
  if (z.mode === 'manual') return z.zoom;
  const { w } = naturalSize(svg);
  return Math.max(0.1, Math.min(1, (paneWidth - PADDING) / w));
}

/**
 * Sizes the diagram and the sticky participants for the zoom in effect. A new drawing passes the
 * pane's width and scroll offset read before it went in, so the page is laid out once, when painted.
 */
function applyZoom(paneWidth?: number, scrollTop?: number): void {
  const svg = svgEl();
  if (!svg) return;
  const z = zoomState();
  const zoom = effectiveZoom(svg, paneWidth ?? viewport.clientWidth);
  z.zoom = zoom;
  const { w, h } = naturalSize(svg);
  svg.style.width = `${Math.round(w * zoom)}px`;
  svg.style.height = `${Math.round(h * zoom)}px`;
  svg.style.maxWidth = 'none';
  $('zoom-level').textContent = `${Math.round(zoom * 100)}%`;
  $('zoom-fit').classList.toggle('active', z.mode === 'fit');
  actors.replaceChildren(...stickyActors(svg, zoom));
  showActors(scrollTop);
  save();
}

function setZoom(z: number): void {
  const s = zoomState();
  s.mode = 'manual';
  s.zoom = Math.min(8, Math.max(0.1, z));
  applyZoom();
}

function fit(): void {
  zoomState().mode = 'fit';
  applyZoom();
}

/** The participants' names stay at the top of the pane once their boxes are scrolled away. */
function showActors(scrollTop = viewport.scrollTop): void {
  const header = actors.firstElementChild as HTMLElement | null;
  actors.hidden = !header || scrollTop <= Number(header.dataset['top'] ?? 0);
}

function showBanner(text: string | undefined, kind: 'error' | 'info' = 'error'): void {
  banner.hidden = !text;
  banner.textContent = text ?? '';
  banner.className = kind;
}

function marksFor(line: number): string[] {
  return (current?.diagram.marks ?? []).filter((m) => m.line === line && (m.severity === 'error' || m.severity === 'warning')).map((m) => m.message);
}

/** Error colour and a hover title on drawn segments that have diagnostics; data-line everywhere. */
function decorate(): void {
  for (const d of drawn) {
    // Only the segment itself carries the mark; the state notes drawn after it do not.
    const messages = d.kind === 'message' ? marksFor(d.line) : [];
    for (const node of d.nodes) {
      node.setAttribute('data-line', String(d.line));
      node.classList.toggle('tcpflow-error', messages.length > 0);
      node.querySelector(':scope > title')?.remove();
      if (messages.length) {
        const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        title.textContent = messages.join('\n');
        node.appendChild(title);
      }
    }
  }
  highlight(highlighted, false);
}

function highlight(line: number, reveal: boolean): void {
  highlighted = line;
  for (const el of canvas.querySelectorAll('.tcpflow-current')) el.classList.remove('tcpflow-current');
  const hit = drawn.filter((d) => d.line === line).flatMap((d) => d.nodes);
  for (const el of hit) el.classList.add('tcpflow-current');
  const first = hit[0];
  if (reveal && first) {
    const r = first.getBoundingClientRect();
    const v = viewport.getBoundingClientRect();
    if (r.top < v.top || r.bottom > v.bottom) viewport.scrollTop += r.top - v.top - v.height / 3;
  }
}

function describeSyntaxErrors(u: Update): string | undefined {
  const n = u.diagram.syntaxErrors;
  if (!n) return undefined;
  const first = u.diagram.marks.find((m) => m.syntax);
  const line = (first?.line ?? 0) + 1;
  return KO ? `구문 오류 ${n}개 — ${line}행: ${first?.message ?? ''}` : `${n} syntax error${n > 1 ? 's' : ''} — line ${line}: ${first?.message ?? ''}`;
}

async function show(u: Update): Promise<void> {
  current = u;
  const otherDocument = state.uri !== u.uri;
  state.uri = u.uri;
  if (otherDocument && svgEl()) applyZoom();
  notice.hidden = !u.diagram.truncated;
  notice.textContent = u.diagram.truncated ?? '';
  $('lock').classList.toggle('active', u.locked);
  if (u.diagram.tooLarge) {
    // Over the size limit: nothing is drawn, and the banner says why (the editor shows TF900).
    ++token;
    canvas.innerHTML = '';
    actors.replaceChildren(); // the sticky participants' copy goes with the diagram
    actors.hidden = true;
    lastKey = '';
    drawn = [];
    showBanner(u.diagram.tooLarge, 'info');
    post({ type: 'rendered', version: u.version, ms: 0, arrows: 0 });
    return;
  }
  const key = `${u.diagram.mermaid}\u0000${themeKind()}`;
  const syntax = describeSyntaxErrors(u);
  if (key === lastKey) {
    // Same drawing: only the marks may have changed.
    drawn = mapElements(svgEl()!, u.diagram);
    decorate();
    presenter.show(u.diagram, drawn);
    showBanner(syntax);
    post({ type: 'rendered', version: u.version, ms: 0, arrows: drawn.length });
    return;
  }
  const mine = ++token;
  const t0 = performance.now();
  try {
    const svg = await renderSvg(u.diagram);
    if (mine !== token) return; // a newer update is already on its way
    // Read before the new drawing goes in (reading them after would lay the page out once more);
    // the pane keeps its scroll offsets across the swap, so only a first drawing restores the saved ones.
    const keepLeft = viewport.scrollLeft;
    const keepTop = viewport.scrollTop;
    const width = viewport.clientWidth;
    canvas.innerHTML = svg;
    lastKey = key;
    drawn = mapElements(svgEl()!, u.diagram);
    decorate();
    applyZoom(width, keepTop || state.scrollTop);
    presenter.show(u.diagram, drawn);
    if (!keepLeft && state.scrollLeft) viewport.scrollLeft = state.scrollLeft;
    if (!keepTop && state.scrollTop) viewport.scrollTop = state.scrollTop;
    showBanner(syntax);
    post({ type: 'rendered', version: u.version, ms: performance.now() - t0, arrows: u.diagram.elements.filter((e) => e.kind === 'message').length });
  } catch (e) {
    if (mine !== token) return;
    for (const stray of document.querySelectorAll('body > [id^="dtcpflow-svg-"]')) stray.remove();
    const message = e instanceof Error ? e.message : String(e);
    showBanner(`${syntax ? `${syntax}. ` : ''}${KO ? 'Mermaid가 이 흐름을 그리지 못했습니다' : 'Mermaid could not draw this flow'}: ${message.split('\n')[0]}`);
    post({ type: 'renderError', message });
  }
}

async function exportImage(format: 'svg' | 'png', background: 'theme' | 'white'): Promise<void> {
  const svg = svgEl();
  if (!svg) return;
  const { w, h } = naturalSize(svg);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(Math.ceil(w)));
  clone.setAttribute('height', String(Math.ceil(h)));
  clone.removeAttribute('style');
  for (const el of clone.querySelectorAll('.tcpflow-current')) el.classList.remove('tcpflow-current');
  const fill = background === 'white' ? '#ffffff' : getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
  const vb = clone.viewBox.baseVal;
  const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  rect.setAttribute('x', String(vb?.x ?? 0));
  rect.setAttribute('y', String(vb?.y ?? 0));
  rect.setAttribute('width', '100%');
  rect.setAttribute('height', '100%');
  rect.setAttribute('fill', fill);
  clone.insertBefore(rect, clone.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  if (format === 'svg') {
    post({ type: 'exported', format, data: text });
    return;
  }
  const img = new Image();
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  img.src = `data:image/svg+xml;base64,${btoa(bin)}`;
  await img.decode();
  const scale = 2;
  const c = document.createElement('canvas');
  c.width = Math.ceil(w * scale);
  c.height = Math.ceil(h * scale);
  const ctx = c.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, w, h);
  post({ type: 'exported', format, data: c.toDataURL('image/png').replace(/^data:image\/png;base64,/, '') });
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m?.type) {
    case 'update':
      void show(m);
      break;
    case 'highlight':
      if (!presenter.active) highlight(m.line, true);
      break;
    case 'present':
      present(m.on);
      break;
    case 'export':
      void exportImage(m.format, m.background).catch((e: unknown) => showBanner(`${KO ? '내보내기 실패' : 'Export failed'}: ${String(e)}`));
      break;
    case 'message':
      showBanner(m.text, 'info');
      break;
  }
});

canvas.addEventListener('click', (ev) => {
  const target = (ev.target as Element | null)?.closest('[data-line]');
  if (target) post({ type: 'reveal', line: Number(target.getAttribute('data-line')) });
});

// Pan by dragging the background; zoom with Ctrl+wheel or the toolbar.
let drag: { x: number; y: number; left: number; top: number } | undefined;
viewport.addEventListener('pointerdown', (ev) => {
  if ((ev.target as Element).closest('[data-line]') || ev.button !== 0) return;
  drag = { x: ev.clientX, y: ev.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
  viewport.setPointerCapture(ev.pointerId);
  viewport.classList.add('dragging');
});
viewport.addEventListener('pointermove', (ev) => {
  if (!drag) return;
  viewport.scrollLeft = drag.left - (ev.clientX - drag.x);
  viewport.scrollTop = drag.top - (ev.clientY - drag.y);
});
const endDrag = (): void => {
  drag = undefined;
  viewport.classList.remove('dragging');
};
viewport.addEventListener('pointerup', endDrag);
viewport.addEventListener('pointercancel', endDrag);
viewport.addEventListener(
  'wheel',
  (ev) => {
    if (!ev.ctrlKey) return;
    ev.preventDefault();
    setZoom(zoomState().zoom * (ev.deltaY < 0 ? 1.1 : 1 / 1.1));
  },
  { passive: false },
);
viewport.addEventListener('scroll', () => {
  state.scrollLeft = viewport.scrollLeft;
  state.scrollTop = viewport.scrollTop;
  showActors();
  save();
});
// A pane that changes size keeps a fitted diagram fitted.
new ResizeObserver(() => {
  if (zoomState().mode === 'fit') applyZoom();
}).observe(viewport);

$('zoom-in').addEventListener('click', () => setZoom(zoomState().zoom * 1.25));
$('zoom-out').addEventListener('click', () => setZoom(zoomState().zoom / 1.25));
$('zoom-fit').addEventListener('click', fit);
$('zoom-reset').addEventListener('click', () => setZoom(1));
$('export-svg').addEventListener('click', () => post({ type: 'command', command: 'exportSvg' }));
$('export-png').addEventListener('click', () => post({ type: 'command', command: 'exportPng' }));
$('copy-source').addEventListener('click', () => post({ type: 'command', command: 'copySource' }));
$('lock').addEventListener('click', () => post({ type: 'command', command: 'toggleLock' }));
$('present').addEventListener('click', () => present(true));

// Re-render when VS Code switches theme (it changes the body's class).
new MutationObserver(() => {
  if (current) void show(current);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
