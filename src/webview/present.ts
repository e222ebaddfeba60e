/**
 * Present mode: the diagram step by step, in large type, for a room. A bar with the step
 * counter and the buttons; under the diagram what the step does and a card per endpoint with
 * its state and SND.NXT/RCV.NXT. Keys: → Space PageDown next, ← PageUp Backspace back, Home End,
 * Q quiz, R Enter reveal, P presenter notes, + − type size, Esc leaves. In quiz mode the next
 * state and the seq/ack numbers stay hidden until revealed (→ reveals first, then moves on).
 * Errors show only with presenter notes on: the audience sees the flow, the presenter its faults.
 * Each step is also said in an aria-live region. The preview and the HTML slide file use it.
 */

import type { PresentSide, PresentStep } from '../core/index.js';
import { presentTexts, type PresentLang, type PresentTexts } from '../shared/presentTexts.js';
import type { Diagram } from '../shared/previewProtocol.js';
import { applyStep, currentNode, FUTURE, maskNumbers, NOW, ownText } from './presentView.js';
import type { DrawnElement } from './render.js';

export interface PresentHost {
  readonly lang: PresentLang;
  /** The current step's source line (the preview moves the editor there). */
  step?(line: number): void;
  /** Esc or the Exit button; without it (the slide file) there is nothing to leave to. */
  exit?(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};

export class Presenter {
  active = false;
  private index = 0;
  private quiz = false;
  private revealed = true;
  private notes = false;
  private scale = 1;
  private diagram: Diagram | undefined;
  private drawn: readonly DrawnElement[] = [];
  private readonly t: PresentTexts;
  private readonly bar: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly cards: HTMLElement;
  private readonly notesBox: HTMLElement;
  private readonly live: HTMLElement;
  private readonly buttons: Record<'prev' | 'next' | 'quiz' | 'reveal' | 'notes' | 'exit', HTMLButtonElement>;

  constructor(
    private readonly host: PresentHost,
    private readonly viewport: HTMLElement,
    private readonly canvas: HTMLElement,
  ) {
    const t = (this.t = presentTexts(host.lang));
    this.bar = el('div', { id: 'present-bar', role: 'toolbar', 'aria-label': t.toolbar });
    const button = (id: string, label: string, title: string, fn: () => void): HTMLButtonElement => {
      const b = el('button', { id: `present-${id}`, title, type: 'button' }, label);
      b.addEventListener('click', fn);
      return b;
    };
    this.counter = el('span', { id: 'present-counter' });
    this.buttons = {
      prev: button('prev', '◀', t.prev, () => this.go(this.index - 1)),
      next: button('next', '▶', t.next, () => this.forward()),
      quiz: button('quiz', t.quiz, t.quizTitle, () => this.toggleQuiz()),
      reveal: button('reveal', t.reveal, t.revealTitle, () => this.reveal()),
      notes: button('notes', t.notes, t.notesTitle, () => this.toggleNotes()),
      exit: button('exit', t.exit, t.exitTitle, () => this.host.exit?.()),
    };
    this.buttons.prev.setAttribute('aria-label', t.prev);
    this.buttons.next.setAttribute('aria-label', t.next);
    this.buttons.quiz.setAttribute('aria-pressed', 'false');
    this.buttons.notes.setAttribute('aria-pressed', 'false');
    this.bar.append(
      this.buttons.prev,
      this.counter,
      this.buttons.next,
      el('span', { class: 'sep' }),
      this.buttons.quiz,
      this.buttons.reveal,
      this.buttons.notes,
    );
    if (host.exit) this.bar.append(this.buttons.exit);
    this.caption = el('div', { id: 'present-caption' });
    this.cards = el('div', { id: 'present-cards' });
    this.notesBox = el('div', { id: 'present-notes-text', hidden: '' });
    this.panel = el('div', { id: 'present-panel' });
    this.panel.append(this.caption, this.cards, this.notesBox);
    this.live = el('div', { id: 'present-live', class: 'sr-only', 'aria-live': 'polite', role: 'status' });
    this.bar.hidden = true;
    this.panel.hidden = true;
    viewport.before(this.bar);
    viewport.after(this.panel);
    document.body.append(this.live);
    window.addEventListener('keydown', (e) => this.key(e));
  }

  /** Starts presenting at the start of the flow. */
  enter(): void {
    this.active = true;
    this.index = 0;
    this.revealed = true;
    document.body.classList.add('presenting');
    this.bar.hidden = false;
    this.panel.hidden = false;
    this.render(true);
    this.buttons.next.focus();
  }

  leave(): void {
    if (!this.active) return;
    this.active = false;
    document.body.classList.remove('presenting', 'present-notes');
    this.bar.hidden = true;
    this.panel.hidden = true;
    this.live.textContent = '';
    const svg = this.svg();
    if (svg) {
      applyStep(svg, this.drawn, [], 0, false);
      for (const n of svg.querySelectorAll(`.${FUTURE}, .${NOW}`)) n.classList.remove(FUTURE, NOW);
      this.errorsShown(svg, true);
      svg.style.width = '';
    }
  }

  /** A new drawing (or the same one re-marked): keep the step, redraw around it. */
  show(diagram: Diagram, drawn: readonly DrawnElement[]): void {
    this.diagram = diagram;
    this.drawn = drawn;
    // The preview has just marked the errors afresh.
    for (const n of this.svg()?.querySelectorAll('.present-error') ?? []) n.classList.remove('present-error');
    if (this.active) this.render(false);
  }

  private svg(): SVGSVGElement | null {
    return this.canvas.querySelector('svg');
  }

  private steps(): readonly PresentStep[] {
    return this.diagram?.presentation?.steps ?? [];
  }

  private forward(): void {
    if (this.quiz && !this.revealed && this.index > 0) this.reveal();
    else this.go(this.index + 1);
  }

  private go(i: number): void {
    const n = this.steps().length;
    const next = Math.max(0, Math.min(n, i));
    if (next === this.index) return;
    // Going back shows a step already answered; going on asks the next question.
    this.revealed = !this.quiz || next < this.index;
    this.index = next;
    this.render(true);
  }

  private reveal(): void {
    if (this.revealed) return;
    this.revealed = true;
    this.render(false);
  }

  private toggleQuiz(): void {
    this.quiz = !this.quiz;
    this.revealed = true; // the step on screen stays answered; the next one is the question
    this.buttons.quiz.setAttribute('aria-pressed', String(this.quiz));
    this.buttons.quiz.classList.toggle('active', this.quiz);
    this.render(false);
  }

  private toggleNotes(): void {
    this.notes = !this.notes;
    this.buttons.notes.setAttribute('aria-pressed', String(this.notes));
    this.buttons.notes.classList.toggle('active', this.notes);
    this.render(false);
  }

  private key(e: KeyboardEvent): void {
    if (!this.active || e.ctrlKey || e.metaKey || e.altKey) return;
    // A focused button answers Enter and Space itself.
    if ((e.key === 'Enter' || e.key === ' ') && (e.target as Element | null)?.closest?.('button')) return;
    const actions: Record<string, () => void> = {
      ArrowRight: () => this.forward(),
      ' ': () => this.forward(),
      PageDown: () => this.forward(),
      ArrowLeft: () => this.go(this.index - 1),
      PageUp: () => this.go(this.index - 1),
      Backspace: () => this.go(this.index - 1),
      Home: () => this.go(0),
      End: () => this.go(this.steps().length),
      q: () => this.toggleQuiz(),
      r: () => this.reveal(),
      Enter: () => this.reveal(),
      p: () => this.toggleNotes(),
      '+': () => this.resize(1.15),
      '=': () => this.resize(1.15),
      '-': () => this.resize(1 / 1.15),
      Escape: () => this.host.exit?.(),
    };
    // Letters by their key's place too: with a Korean layout Q types ㅂ.
    const letter = /^Key[QRP]$/.test(e.code) ? e.code.slice(3).toLowerCase() : undefined;
    const action = actions[letter ?? (e.key.length === 1 ? e.key.toLowerCase() : e.key)];
    if (!action) return;
    e.preventDefault();
    action();
  }

  private resize(f: number): void {
    this.scale = Math.min(3, Math.max(0.5, this.scale * f));
    document.body.style.setProperty('--present-scale', String(this.scale));
    this.render(false);
  }

  private render(moved: boolean): void {
    const t = this.t;
    const steps = this.steps();
    this.index = Math.min(this.index, steps.length);
    const current = this.index > 0 ? steps[this.index - 1] : undefined;
    const hidden = this.quiz && !this.revealed && current !== undefined;
    document.body.classList.toggle('present-notes', this.notes);
    const svg = this.svg();
    if (svg) {
      applyStep(svg, this.drawn, steps, this.index, hidden);
      this.errorsShown(svg, this.notes);
      this.fit(svg);
      const now = currentNode(svg);
      if (now && moved) now.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    this.counter.textContent = current ? t.stepOf(this.index, steps.length) : `${t.start} · ${t.stepOf(0, steps.length)}`;
    this.buttons.prev.disabled = this.index === 0;
    this.buttons.next.disabled = this.index >= steps.length && !hidden;
    this.buttons.reveal.disabled = !hidden;
    const what = current ? this.describe(current, hidden) : t.start;
    this.caption.textContent = what;
    this.caption.classList.toggle('quiz', hidden);
    this.renderCards(current, steps[0], hidden);
    this.renderNotes(current);
    this.live.textContent = this.spoken(current, steps, what, hidden);
    if (moved && current) this.host.step?.(current.line);
  }

  /** What the step does, as drawn: `Client → Server: SYN seq=x`, `Client: close()`. */
  private describe(step: PresentStep, hidden: boolean): string {
    const first = this.drawn.find((d) => d.line === step.line);
    const drawnText = first?.nodes.find((n) => n.nodeName === 'text');
    if (step.kind === 'segment') {
      const label = drawnText?.getAttribute('data-present-text') ?? (drawnText ? ownText(drawnText) : '');
      const names = this.names();
      return `${names.get(step.from ?? '') ?? step.from} ${step.lost ? '-x' : '→'} ${names.get(step.to ?? '') ?? step.to}: ${hidden ? maskNumbers(label, step.numbers) : label}`;
    }
    const note = drawnText ? ownText(drawnText) : step.kind;
    return step.kind === 'call' && step.from ? `${this.names().get(step.from) ?? step.from}: ${note}` : note;
  }

  private names(): Map<string, string> {
    return new Map((this.diagram?.presentation?.participants ?? []).map((p) => [p.name, p.label]));
  }

  private renderCards(current: PresentStep | undefined, first: PresentStep | undefined, hidden: boolean): void {
    const t = this.t;
    this.cards.replaceChildren();
    for (const p of this.diagram?.presentation?.participants ?? []) {
      const now: PresentSide | undefined = current ? current.after[p.name] : first?.before[p.name];
      const was: PresentSide | undefined = current?.before[p.name];
      const card = el('section', { class: 'present-card', 'aria-label': p.label });
      const changed = !!now && !!was && now.state !== was.state;
      const state = el('div', { class: `present-state${changed && !hidden ? ' changed' : ''}` }, hidden ? t.hidden : (now?.state ?? t.none));
      // In a flow with several connections the card is this endpoint in the step's connection.
      const connection = (current ?? first)?.connection;
      card.append(el('h2', {}, connection ? `${p.label} · ${connection}` : p.label), state);
      if (changed && !hidden) card.append(el('div', { class: 'present-was' }, t.was(was.state)));
      const vars = el('dl');
      const value = (v: string | undefined, before: string | undefined): HTMLElement =>
        el('dd', { class: !hidden && v !== before && current ? 'changed' : '' }, hidden ? t.hidden : (v ?? t.none));
      vars.append(el('dt', {}, 'SND.NXT'), value(now?.sndNxt, was?.sndNxt), el('dt', {}, 'RCV.NXT'), value(now?.rcvNxt, was?.rcvNxt));
      card.append(vars);
      this.cards.append(card);
    }
  }

  private renderNotes(current: PresentStep | undefined): void {
    this.notesBox.hidden = !this.notes;
    if (!this.notes) return;
    const t = this.t;
    const marks = current ? (this.diagram?.marks ?? []).filter((m) => m.line === current.line && (m.severity === 'error' || m.severity === 'warning')) : [];
    this.notesBox.replaceChildren(
      ...(current ? [el('div', { class: 'present-line' }, t.line(current.line + 1))] : []),
      ...(marks.length ? marks.map((m) => el('div', { class: `present-mark ${m.severity}` }, m.message)) : [el('div', {}, t.noErrors)]),
    );
  }

  private spoken(current: PresentStep | undefined, steps: readonly PresentStep[], what: string, hidden: boolean): string {
    const t = this.t;
    const names = this.names();
    const states = (s: PresentStep | undefined, after: boolean): string =>
      [...names]
        .map(([name, label]) => {
          const now = (after ? s?.after : s?.before)?.[name]?.state ?? t.none;
          const was = after ? s?.before[name]?.state : undefined;
          return t.stateSpoken(label, now, was !== now ? was : undefined);
        })
        .join('; ');
    if (!current) return `${t.stepOf(0, steps.length)}. ${t.startSpoken(states(steps[0], false))}`;
    const from = names.get(current.from ?? '') ?? '';
    const to = names.get(current.to ?? '') ?? '';
    const segment = what.slice(what.indexOf(': ') + 2);
    const action =
      current.kind !== 'segment'
        ? t.does(what)
        : current.flight === 'sent' && current.label !== undefined
          ? t.sendsInFlight(from, to, current.label)
          : current.flight === 'arrives'
            ? current.droppedByKernel
              ? t.arrivesDropped(from, to, segment)
              : t.arrives(from, to, segment, current.lost === true)
            : current.droppedByKernel
              ? t.sendsDropped(from, to, segment)
              : t.sends(from, to, segment, current.lost === true);
    return `${t.stepOf(this.index, steps.length)}. ${action} ${hidden ? t.guess : `${states(current, true)}.`}`;
  }

  /** Audience view: no error colours and no error tooltips; presenter notes bring them back. */
  private errorsShown(svg: SVGSVGElement, shown: boolean): void {
    for (const n of svg.querySelectorAll('.tcpflow-error, .present-error')) {
      n.classList.toggle('tcpflow-error', shown);
      n.classList.toggle('present-error', !shown);
      const title = n.querySelector(':scope > title');
      if (!shown && title) {
        n.setAttribute('data-present-title', title.textContent ?? '');
        title.remove();
      } else if (shown && !title && n.hasAttribute('data-present-title')) {
        const back = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        back.textContent = n.getAttribute('data-present-title');
        n.appendChild(back);
        n.removeAttribute('data-present-title');
      }
    }
  }

  /** The diagram as wide as the pane allows (up to 2.5× its size): large for the back of a room. */
  private fit(svg: SVGSVGElement): void {
    const vb = svg.viewBox.baseVal;
    const w = vb && vb.width > 0 ? vb.width : svg.getBBox().width;
    const h = vb && vb.height > 0 ? vb.height : svg.getBBox().height;
    const z = Math.min(2.5 * this.scale, Math.max(0.2, (this.viewport.clientWidth - 32) / w));
    svg.style.width = `${Math.round(w * z)}px`;
    svg.style.height = `${Math.round(h * z)}px`;
  }
}
