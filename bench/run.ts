/** `npm run bench`: every benchmark, printed as figures and ratios against baselines from the same run. */

import { benchCore } from './core.js';

benchCore();
