/**
 * The participants' header that stays at the top of the preview while a long flow scrolls: a
 * small SVG with copies of the diagram's top participant boxes (and its style, re-scoped), the
 * same width and zoom as the diagram, so the names line up with their lifelines.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEADER_ID = 'tcpflow-actors';

/** An empty list when the diagram has no participant boxes at its top. */
export function stickyActors(svg: SVGSVGElement, zoom: number): SVGSVGElement[] {
  const boxes = [...svg.querySelectorAll<SVGRectElement>('rect.actor-top')];
  const groups = boxes.map((r) => r.parentNode).filter((g): g is Element => g instanceof Element);
  if (groups.length === 0) return [];
  const vb = svg.viewBox.baseVal;
  const top = Math.min(...boxes.map((r) => r.y.baseVal.value));
  const bottom = Math.max(...boxes.map((r) => r.y.baseVal.value + r.height.baseVal.value)) + 4;
  const header = document.createElementNS(SVG_NS, 'svg');
  header.id = HEADER_ID;
  header.setAttribute('viewBox', `${vb.x} ${top} ${vb.width} ${bottom - top}`);
  header.style.width = `${Math.round(vb.width * zoom)}px`;
  header.style.height = `${Math.round((bottom - top) * zoom)}px`;
  // Shown once the real boxes have scrolled above the pane (see main.ts).
  header.dataset['top'] = String((top - vb.y) * zoom);
  const style = svg.querySelector('style');
  if (style) {
    const copy = document.createElementNS(SVG_NS, 'style');
    copy.textContent = (style.textContent ?? '').split(`#${svg.id}`).join(`#${HEADER_ID}`);
    header.appendChild(copy);
  }
  for (const g of groups) header.appendChild(g.cloneNode(true));
  return [header];
}
