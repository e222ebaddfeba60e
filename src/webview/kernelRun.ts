/**
 * The "Run Against Linux" panel's script: draws the author's flow with the kernel's
 * disagreements marked (Mermaid from dist/mermaid.js, set up strictly by render.ts), colours the
 * disagreeing arrows and marks with their explanation on hover, lists each line with its
 * verdict, and asks the extension to reveal a line or open the kernel's own run. Every text
 * from the run goes in as text, never as HTML. Redrawn when VS Code's theme changes.
 */

import type { FromKernelRunPanel, KernelRunLine, KernelRunView, ToKernelRunPanel } from '../shared/kernelRunProtocol.js';
import { mapElements, renderSvg } from './render.js';

interface VsCodeApi {
  postMessage(m: FromKernelRunPanel): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const $ = (id: string): HTMLElement => document.getElementById(id)!;
const KO = document.documentElement.lang === 'ko';
let current: KernelRunView | undefined;
let token = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function row(l: KernelRunLine): HTMLTableRowElement {
  const tr = el('tr', undefined, l.mark);
  tr.dataset['line'] = String(l.line);
  tr.append(el('td', String(l.line + 1), 'num'), el('td', l.mark === 'agrees' ? '✓' : l.mark === 'disagrees' ? '✗' : '', 'mark'), el('td', l.source, 'flow'));
  const what = el('td', undefined, 'kernel');
  what.append(el('span', l.text));
  if (l.kernelSent) what.append(el('span', `${KO ? 'Linux가 보낸 것' : 'the kernel sent'}: ${l.kernelSent}`, 'detail'));
  if (l.note && l.verdict !== 'done' && l.verdict !== 'not-judged') what.append(el('span', `(${l.note})`, 'detail'));
  for (const e of l.extras) what.append(el('span', `+ ${KO ? 'Linux가 더 보낸 것' : 'the kernel sent more'}: ${e}`, 'more'));
  tr.append(what);
  return tr;
}

async function draw(v: KernelRunView): Promise<void> {
  const mine = ++token;
  const canvas = $('canvas');
  try {
    const svg = await renderSvg(v.diagram);
    if (mine !== token) return;
    canvas.innerHTML = svg; // Mermaid's own output, drawn with securityLevel 'strict'
    const root = canvas.querySelector('svg')!;
    // As wide as the pane at most (its viewBox keeps the proportions), so the marks beside the arrows show.
    root.style.maxWidth = '100%';
    root.style.height = 'auto';
    const drawn = mapElements(root, v.diagram);
    let marked = 0;
    drawn.forEach((d, i) => {
      const e = v.diagram.elements[i]!;
      const explained = v.diagram.marks.find((m) => m.line === d.line && m.severity === 'error');
      for (const node of d.nodes) {
        node.setAttribute('data-line', String(d.line));
        if (!e.error) continue;
        node.classList.add('tcpflow-error');
        if (explained) {
          const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
          title.textContent = explained.message;
          node.appendChild(title);
        }
      }
      if (e.error && e.kind === 'note') marked++;
    });
    vscode.postMessage({ type: 'rendered', arrows: v.diagram.elements.filter((e) => e.kind === 'message').length, marks: marked });
  } catch (e) {
    if (mine !== token) return;
    const message = e instanceof Error ? e.message : String(e);
    const banner = $('banner');
    banner.hidden = false;
    banner.textContent = `${KO ? 'Mermaid가 이 흐름을 그리지 못했습니다' : 'Mermaid could not draw this flow'}: ${message.split('\n')[0]}`;
    vscode.postMessage({ type: 'renderError', message });
  }
}

function show(v: KernelRunView): void {
  current = v;
  const verdict = $('verdict');
  verdict.textContent = v.agrees
    ? KO
      ? `✓ Linux가 ${v.file}의 모든 행에 동의합니다`
      : `✓ Linux agrees with every line of ${v.file}`
    : `✗ ${KO ? 'Linux가 동의하지 않습니다' : 'Linux disagrees'}: ${v.summary}`;
  verdict.className = v.agrees ? 'agrees' : 'disagrees';
  $('open-run').hidden = !v.hasKernelFlow;
  $('heading').textContent = v.heading;
  $('notes').replaceChildren(...v.notes.map((n) => el('li', n)));
  const table = $('lines') as HTMLTableElement;
  table.tBodies[0]!.replaceChildren(...v.lines.map(row));
  table.hidden = false;
  $('final').textContent = v.final;
  $('final').className = v.finalDiffers ? 'differs' : '';
  $('summary').textContent = v.summary;
  void draw(v);
}

window.addEventListener('message', (ev: MessageEvent<ToKernelRunPanel>) => {
  if (ev.data?.type === 'show') show(ev.data.view);
});

document.addEventListener('click', (ev) => {
  const target = (ev.target as Element | null)?.closest('[data-line]');
  if (target) vscode.postMessage({ type: 'reveal', line: Number(target.getAttribute('data-line')) });
});
$('open-run').addEventListener('click', () => vscode.postMessage({ type: 'openKernelFlow' }));

// Re-draw when VS Code switches theme (it changes the body's class).
new MutationObserver(() => {
  if (current) void draw(current);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
