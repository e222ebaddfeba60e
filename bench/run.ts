/** `npm run bench`: every benchmark, printed as figures and ratios against baselines from the same run. */

import { benchCli } from './cli.js';
import { benchCore } from './core.js';
import { benchGrowth } from './growth.js';
import { benchImport, benchImportStreaming } from './import.js';
import { benchPreview } from './preview.js';
import { benchServer } from './server.js';
import { benchServerWorker } from './serverWorker.js';
import { benchSvgSteps } from './svgSteps.js';

async function main(): Promise<void> {
  benchCore();
  benchCli();
  benchGrowth();
  benchImport();
  benchImportStreaming();
  await benchServerWorker(await benchServer());
  await benchPreview();
  benchSvgSteps();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
