/**
 * The checker's entry point: parse, simulate, run the named checks, and return everything a
 * front end needs — the tree, the trace, and the diagnostics sorted by position.
 */

import type { Document } from '../language/ast.js';
import { checkCompatibility, checkEnding, checkStructure, checkTeachingHints } from './checks.js';
import type { Diagnostic } from '../common/diagnostics.js';
import { fixesPastTheEnd } from './fixesAtEnd.js';
import { parse } from '../language/parser.js';
import { simulate, type SimulateOptions, type Simulation } from './simulate.js';

export interface CheckResult {
  readonly document: Document;
  readonly simulation: Simulation;
  readonly diagnostics: readonly Diagnostic[];
}

export function check(text: string, options: SimulateOptions = {}): CheckResult {
  const { document, diagnostics: syntax } = parse(text);
  const simulation = simulate(document, options);
  const all = [
    ...syntax,
    ...checkStructure(document, 1 + (options.lineOffset ?? 0)),
    ...checkCompatibility(document),
    ...simulation.diagnostics,
    ...checkEnding(simulation, document),
    ...checkTeachingHints(document),
  ];
  fixesPastTheEnd(all, text, document.lineCount);
  all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { document, simulation, diagnostics: all };
}
