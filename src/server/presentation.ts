/**
 * Present mode's steps for the preview: the `tcpflow/diagram` answer gains the flow's steps
 * (document lines) when the preview presents it, and only then — typing stays light.
 */

import { presentation } from '../core/index.js';
import type { Diagram } from '../shared/previewProtocol.js';
import type { Analysis } from './analysis.js';

export function withPresentation(d: Diagram, a: Analysis): Diagram {
  const flow = a.flows[0];
  if (!flow) return d;
  const p = presentation(flow.result);
  const offset = flow.lineOffset;
  return { ...d, presentation: offset ? { ...p, steps: p.steps.map((s) => ({ ...s, line: s.line + offset })) } : p };
}
