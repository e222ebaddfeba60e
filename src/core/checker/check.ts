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
  const diagnostics = gather(
    {
      syntax,
      structure: checkStructure(document, 1 + (options.lineOffset ?? 0)),
      compatibility: checkCompatibility(document),
      simulation: simulation.diagnostics,
      ending: checkEnding(simulation, document),
      hints: checkTeachingHints(document),
    },
    text,
    document.lineCount,
  );
  return { document, simulation, diagnostics };
}

/** Each part's diagnostics, in the order they are gathered (it decides between equal positions). */
export interface DiagnosticParts {
  readonly syntax: readonly Diagnostic[];
  readonly structure: readonly Diagnostic[];
  readonly compatibility: readonly Diagnostic[];
  readonly simulation: readonly Diagnostic[];
  readonly ending: readonly Diagnostic[];
  readonly hints: readonly Diagnostic[];
}

/** All the diagnostics of one check, by position (a stable sort: parts in the order above where positions tie). */
export function gather(parts: DiagnosticParts, text: string, lineCount: number): Diagnostic[] {
  const all = [...parts.syntax, ...parts.structure, ...parts.compatibility, ...parts.simulation, ...parts.ending, ...parts.hints];
  fixesPastTheEnd(all, text, lineCount);
  all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return all;
}
