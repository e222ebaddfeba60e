/**
 * `tcpflow-cli render --format html|svg`: the HTML slide file (one self-contained page that
 * steps through the flow offline) and, for slide decks, one SVG per step. Mermaid lays text out
 * with a browser's fonts, so the SVGs come from that same page in a headless Chromium (found on
 * PATH, or named by TCPFLOW_BROWSER), which prints them back through --dump-dom.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckResult, Lang } from '../core/index.js';
import { SVG_EXPORT_ID, slideData } from '../shared/slideData.js';
import { slideHtml, slideScript } from '../shared/slideHtml.js';
import { UsageError } from './args.js';

/** dist/NAME beside the bundled CLI (or the repository's dist/ when run from source). */
function distScript(name: string): string {
  for (const p of [join(__dirname, name), join(__dirname, '..', '..', 'dist', name)]) {
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new UsageError(`the slide file's script dist/${name} is missing (run \`npm run build\`)`);
}

export function slideFile(result: CheckResult, path: string, lang: Lang, options: { readonly exportSvg?: boolean; readonly lineOffset?: number } = {}): string {
  const script = slideScript(distScript('mermaid.js'), distScript('slides.js'));
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  return slideHtml({ data: slideData(result, basename(path).replace(/\.[^.]+$/, ''), lang, options), script, scriptHash });
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

/** Writes step-000.svg (the start) … step-NNN.svg into `dir`; returns the file names. */
export function writeStepSvgs(result: CheckResult, path: string, lang: Lang, dir: string): string[] {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`'${dir}' is not a directory (--format svg writes one file per step into -o DIR)`);
  const browser = findBrowser();
  const work = mkdtempSync(join(tmpdir(), 'tcpflow-svg-'));
  try {
    const page = join(work, 'steps.html');
    writeFileSync(page, slideFile(result, path, lang, { exportSvg: true }));
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${join(work, 'profile')}`, '--virtual-time-budget=60000', '--dump-dom', pathToFileURL(page).href];
    const r = spawnSync(browser, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 180_000 });
    const m = new RegExp(`<pre id="${SVG_EXPORT_ID}">([A-Za-z0-9+/=]*)</pre>`).exec(r.stdout ?? '');
    if (!m) throw new UsageError(`${browser} did not draw the steps${r.error ? `: ${r.error.message}` : r.stderr ? `: ${r.stderr.trim().split('\n').pop()}` : ''}`);
    const svgs = JSON.parse(Buffer.from(m[1]!, 'base64').toString('utf8')) as string[];
    mkdirSync(dir, { recursive: true });
    const width = Math.max(3, String(svgs.length - 1).length);
    return svgs.map((svg, i) => {
      const name = `step-${String(i).padStart(width, '0')}.svg`;
      writeFileSync(join(dir, name), svg);
      return name;
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
