/** The pure core's public surface: what the CLI, the language server and the preview use. */

export * from './language/ast.js';
export { check, type CheckResult } from './checker/check.js';
export { checkWith, diagnosticsWith, DEFAULT_CHECK_SETTINGS, readCheckSettings, type CheckSettings } from './checker/checkSettings.js';
export { CODES, messageFor, type Code, type Lang, type Severity } from './common/diagnosticCodes.js';
export { isSyntaxError, messageOf, type Diagnostic, type Fix, type TextEdit } from './common/diagnostics.js';
export { explain, type Explanation } from './outputs/explain.js';
export { particles } from './common/korean.js';
export { findTcpflowBlocks, type FencedBlock } from './language/markdown.js';
export { mermaidFence, replaceTcpflowBlocks } from './language/markdownRewrite.js';
export { capped, diagnosticsWithinLimits, EDITOR_LIMITS, leftOutDiagnostic, tooLarge, type Limits } from './common/limits.js';
export { toMermaid, type MermaidOptions, type MermaidOutput } from './outputs/mermaid.js';
export { toMermaidIn } from './outputs/mermaidLang.js';
export { DEFAULT_DRAW_SETTINGS, readDrawSettings, type DrawSettings } from './outputs/drawSettings.js';
export { segmentOptions, valueText, type OptionItem } from './outputs/segmentOptions.js';
export { parse } from './language/parser.js';
export { labelDefinitions, labelOccurrences, type LabelOccurrence } from './language/labels.js';
export { scanLine, type Token } from './language/scanner.js';
export { segmentFields, segmentLine, segmentLineParts, type SegmentFieldValues, type SegmentLineParts } from './language/segmentLine.js';
export { format as formatSeq } from './model/seq.js';
export type { ArrivalInfo, SegmentInfo, SimulateOptions, Simulation, Step } from './checker/simulate.js';
export * from './common/source.js';
export * from './common/vocabulary.js';
export { TRANSITIONS, type Transition } from './model/transitions.js';
export type { Owed, Snapshot } from './model/endpoint.js';
export { flagsText } from './model/segmentKind.js';
export { escapeText } from './outputs/mermaidEscape.js';
export { T, type Text } from './common/text.js';
