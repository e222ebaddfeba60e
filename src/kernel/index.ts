/** The kernel run's public surface: what the CLI, the extension and the tests use. */

export { runFlow, fmtMs, type LineResult, type RecordedPacket, type RunOptions, type RunResult, type Verdict } from './runner.js';
export { KernelUnavailable, Helper, RunCancelled, namespacePrefix, namespacePrefixAsync, platformProblem, type HelperLike } from './namespace.js';
export { RunUnsupported } from './plan.js';
export { allAgree, jsonReport, summary, textReport, verdictText, type Summary } from './report.js';
