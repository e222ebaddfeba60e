/**
 * Runs in VS Code's Markdown preview: draws each `.tcpflow-md` container's Mermaid text (made by
 * the markdown-it plugin) with dist/mermaid.js (the preview script package.json lists before this
 * one; VS Code loads both asynchronously, so this one waits for it), strictly, in the editor's
 * theme, again after every preview update. A drawing that fails leaves the text and says why.
 */

import { langOf } from '../shared/lang.js';
import { tcpflowBlockHtml } from '../shared/markdownBlock.js';
import { DEFAULT_DRAW_SETTINGS } from '../core/index.js';
import { setUpMermaid } from '../dom/mermaidSetup.js';

let counter = 0;

/**
 * Blocks our markdown-it plugin did not see (the Markdown extension drew the note before our
 * extension was active in its extension host, or without it): checked and turned into our
 * container here, from the code block VS Code rendered.
 */
function convertPlainBlocks(): void {
  const lang = langOf(document.documentElement.lang);
  for (const code of document.querySelectorAll<HTMLElement>('pre > code.language-tcpflow')) {
    const pre = code.parentElement!;
    const dataLine = code.getAttribute('data-line') ?? pre.getAttribute('data-line') ?? '';
    const holder = document.createElement('div');
    holder.innerHTML = tcpflowBlockHtml(
      (code.textContent ?? '').replace(/\n$/, ''),
      dataLine ? Number(dataLine) + 1 : 0,
      dataLine,
      DEFAULT_DRAW_SETTINGS,
      lang,
    );
    pre.replaceWith(...holder.childNodes);
  }
}

async function renderAll(): Promise<void> {
  convertPlainBlocks();
  const mermaid = await setUpMermaid({ maxTextSize: 500_000 });
  for (const box of document.querySelectorAll<HTMLElement>('div.tcpflow-md')) {
    const source = box.querySelector<HTMLElement>('pre.tcpflow-md-source');
    if (!source || box.dataset['rendered'] === source.textContent) continue;
    const text = source.textContent ?? '';
    try {
      const { svg } = await mermaid.render(`tcpflow-md-${++counter}`, text);
      let target = box.querySelector<HTMLElement>('.tcpflow-md-diagram');
      if (!target) {
        target = document.createElement('div');
        target.className = 'tcpflow-md-diagram';
        box.insertBefore(target, source);
      }
      target.innerHTML = svg;
      source.hidden = true;
      box.dataset['rendered'] = text;
    } catch (e) {
      for (const stray of document.querySelectorAll('body > [id^="dtcpflow-md-"]')) stray.remove();
      source.hidden = false;
      box.dataset['error'] = e instanceof Error ? e.message : String(e);
    }
  }
}

/** One drawing pass at a time: an update while one runs (or while Mermaid loads) waits its turn. */
let queue: Promise<void> = Promise.resolve();
const schedule = (): void => {
  queue = queue.then(renderAll, renderAll);
};

window.addEventListener('vscode.markdown.updateContent', schedule);
schedule();
