/**
 * `tcpflow-cli render --format html|svg`: the HTML slide file (one self-contained page that
 * steps through the flow offline) and, for slide decks, one SVG per step. Mermaid lays text out
 * with a browser's fonts, so the SVGs come from that same page in a headless Chromium (found on
 * PATH, or named by TCPFLOW_BROWSER), driven over its DevTools pipe (browserPipe.ts): the page
 * draws the flow once and hands over each step's SVG, which is written at once.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Lang } from '../core/index.js';
import { slideData, type SlideData } from '../shared/slideData.js';
import { slideHtml, slideScript, SVG_EXPORT_BINDING, type SvgExportMessage } from '../shared/slideHtml.js';
import { UsageError } from './args.js';
import { startBrowser } from './browserPipe.js';
import { reasonOf } from './reasons.js';

/** dist/NAME beside the bundled CLI (or the repository's dist/ when run from source). */
function distScript(name: string): string {
  for (const p of [join(__dirname, name), join(__dirname, '..', '..', 'dist', name)]) {
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new UsageError(`the slide file's script dist/${name} is missing (run \`npm run build\`)`);
}

const title = (path: string): string => basename(path).replace(/\.[^.]+$/, '');

function slidePage(data: SlideData): string {
  const script = slideScript(distScript('mermaid.js'), distScript('slides.js'));
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  return slideHtml({ data, script, scriptHash });
}

export function slideFile(result: CheckResult, path: string, lang: Lang, options: { readonly lineOffset?: number } = {}): string {
  return slidePage(slideData(result, title(path), lang, options));
}

const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

function findBrowser(): string {
  const named = process.env['TCPFLOW_BROWSER'];
  if (named) return named;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of BROWSERS) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new UsageError(`--format svg needs Chromium or Chrome to lay the text out: none of ${BROWSERS.join(', ')} is on PATH (or set TCPFLOW_BROWSER)`);
}

/** With no new step for this long, the browser is taken to be stuck (it is stopped, and the error says which step). */
const STALL_MS = 60_000;

/**
 * Writes step-000.svg (the start) … step-NNN.svg into `dir`, each as the browser hands it over;
 * returns the file names. One browser, one page, one Mermaid drawing for all the steps.
 */
export async function writeStepSvgs(result: CheckResult, path: string, lang: Lang, dir: string): Promise<string[]> {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`'${dir}' is not a directory (--format svg writes one file per step into -o DIR)`);
  const browser = findBrowser();
  const data = slideData(result, title(path), lang, { exportSvg: true });
  const width = Math.max(3, String(data.diagram.presentation?.steps.length ?? 0).length);
  const work = mkdtempSync(join(tmpdir(), 'tcpflow-svg-'));
  const names: string[] = [];
  try {
    const page = join(work, 'steps.html');
    writeFileSync(page, slidePage(data));
    mkdirSync(dir, { recursive: true });
    const chrome = startBrowser(browser, [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${join(work, 'profile')}`,
    ]);
    try {
      await new Promise<void>((resolve, reject) => {
        let lastError = '';
        let timer: NodeJS.Timeout | undefined;
        const fail = (message: string): void => {
          clearTimeout(timer);
          reject(new UsageError(message));
        };
        const waitForStep = (): void => {
          clearTimeout(timer);
          timer = setTimeout(
            () => fail(`${browser} drew no SVG for step ${names.length} within ${STALL_MS / 1000} s${lastError ? `: ${lastError}` : ''}`),
            STALL_MS,
          );
        };
        chrome.on('Runtime.exceptionThrown', (p) => {
          lastError =
            String((p['exceptionDetails'] as { exception?: { description?: string }; text?: string } | undefined)?.exception?.description ?? '').split(
              '\n',
            )[0] ?? '';
        });
        chrome.on('Runtime.bindingCalled', (p) => {
          if (p['name'] !== SVG_EXPORT_BINDING) return;
          let m: SvgExportMessage;
          try {
            m = JSON.parse(String(p['payload'])) as SvgExportMessage;
          } catch {
            fail(`${browser} sent a step the CLI could not read`);
            return;
          }
          if ('svg' in m) {
            const name = `step-${String(m.step).padStart(width, '0')}.svg`;
            try {
              writeFileSync(join(dir, name), m.svg);
            } catch (e) {
              fail(`cannot write '${join(dir, name)}': ${reasonOf(e)}`);
              return;
            }
            names.push(name);
            waitForStep();
          } else if ('done' in m) {
            clearTimeout(timer);
            resolve();
          } else fail(m.error);
        });
        void chrome.exited.then((why) => fail(`${browser} stopped before it drew every step${why ? `: ${why}` : ''}`));
        waitForStep();
        const open = async (): Promise<void> => {
          const target = await chrome.send('Target.createTarget', { url: 'about:blank' });
          const { sessionId } = await chrome.send('Target.attachToTarget', { targetId: target['targetId'], flatten: true });
          const session = String(sessionId);
          await chrome.send('Runtime.enable', {}, session);
          await chrome.send('Runtime.addBinding', { name: SVG_EXPORT_BINDING }, session);
          await chrome.send('Page.navigate', { url: pathToFileURL(page).href }, session);
        };
        open().catch((e: unknown) => fail(`${browser} could not open the page: ${e instanceof Error ? e.message : String(e)}`));
      });
    } finally {
      await chrome.close();
    }
    return names;
  } catch (e) {
    if (e instanceof UsageError && names.length > 0)
      throw new UsageError(`${e.message} (${names.length} step${names.length === 1 ? '' : 's'} written to ${dir})`);
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
