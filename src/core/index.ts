/** The pure core's public surface: what the CLI, the language server and the preview use. */

export * from './ast.js';
export { check, type CheckResult } from './check.js';
export { checkWith, DEFAULT_CHECK_SETTINGS, readCheckSettings, type CheckSettings } from './checkSettings.js';
export { CODES, messageFor, type Code, type Lang, type Severity } from './diagnosticCodes.js';
export { messageOf, type Diagnostic, type Fix, type TextEdit } from './diagnostics.js';
export { explain, type Explanation } from './explain.js';
export { particles } from './korean.js';
export { findTcpflowBlocks, type FencedBlock } from './markdown.js';
export { mermaidFence, replaceTcpflowBlocks } from './markdownRewrite.js';
export { capped, diagnosticsWithinLimits, EDITOR_LIMITS, leftOutDiagnostic, tooLarge, type Limits } from './limits.js';
export { toMermaid, type MermaidOptions, type MermaidOutput } from './mermaid.js';
export { toMermaidIn } from './mermaidLang.js';
export { parse } from './parser.js';
export { scanLine, type Token } from './scanner.js';
export { format as formatSeq } from './seq.js';
export type { SimulateOptions, Simulation, Step } from './simulate.js';
export * from './source.js';
export * from './vocabulary.js';
export { TRANSITIONS, type Transition } from './transitions.js';
export type { Owed, Snapshot } from './endpoint.js';
export { flagsText } from './segmentKind.js';
export { escapeText } from './mermaidEscape.js';
export { T, type Text } from './text.js';
