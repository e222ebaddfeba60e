/** The language server over JSON-RPC, as an editor uses it: every feature on real example files. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type {
  CompletionItem,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  TextEdit,
  WorkspaceEdit,
  CodeAction,
} from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient.js';
import { applyEdits } from '../helpers/flow.js';

const example = (f: string): string => readFileSync(`examples/${f}`, 'utf8');
const BROKEN = [
  'client Client',
  'server Server',
  'Client -> Server: SYN seq=x',
  'Server -> Client: SYN ACK seq=y ack=x',
  'Client -> Server: ACK seq=x+1 ack=y+1',
  'Client is ESTABLISHED',
].join('\n');
const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

describe('language server (JSON-RPC over stdio)', function () {
  this.timeout(20_000);
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => c.stop());

  it('announces its features', async () => {
    const other = new TestClient();
    const r = await other.initialize().finally(() => other.stop());
    for (const k of [
      'hoverProvider',
      'completionProvider',
      'codeActionProvider',
      'inlayHintProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'documentFormattingProvider',
      'definitionProvider',
      'renameProvider',
    ]) {
      assert.ok(r.capabilities[k], k);
    }
    assert.equal(r.capabilities['textDocumentSync'], 2, 'incremental sync');
  });

  it('publishes diagnostics on open: none for a correct flow, exact ones for a broken flow', async () => {
    assert.deepEqual(await c.open('file:///hs.tcpflow', example('three-way-handshake.tcpflow')), []);
    const d = await c.open('file:///broken.tcpflow', BROKEN);
    const errors = d.filter((x) => x.severity === 1 || x.severity === 2);
    // The SYN+ACK's ack=x is the mistake; the client, still in SYN-SENT as the RFC has it, owes a RST and is not ESTABLISHED.
    assert.deepEqual(
      errors.map((x) => [x.code, x.severity]),
      [
        ['TF403', 1],
        ['TF300', 1],
        ['TF500', 1],
      ],
    );
    assert.equal(errors[0]!.source, 'tcpflow');
    assert.deepEqual(errors[0]!.range, { start: pos(3, 32), end: pos(3, 37) });
    assert.match(
      errors[0]!.message,
      /ack=x is behind what Server has received: SYN and FIN each take one sequence number, so the answer to `SYN seq=x` acknowledges x\+1 \(RCV\.NXT\)/,
    );
  });

  it("checks ```tcpflow blocks in Markdown with the Markdown file's lines", async () => {
    const md = ['# Note', '', '```tcpflow', 'client C', 'server S', 'C -> S: SYN', 'C is ESTABLISHED', '```', ''].join('\n');
    const d = await c.open('file:///note.md', md, 'markdown');
    assert.deepEqual(
      d.filter((x) => x.severity === 1).map((x) => [x.code, x.range.start.line]),
      [['TF500', 6]],
    );
  });

  it('re-checks on incremental edits, and rapid edits end on the last version', async () => {
    const uri = 'file:///edit.tcpflow';
    await c.open(uri, example('three-way-handshake.tcpflow'));
    // Fix nothing, break something: change "ack=x+1" on line 7 to "ack=x+9".
    const v2 = await c.change(uri, '9', { start: pos(6, 40), end: pos(6, 41) });
    const d2 = await c.diagnostics(uri, v2);
    assert.deepEqual(d2.diagnostics.filter((x) => x.severity === 1).map((x) => x.code)[0], 'TF402');
    let last = v2;
    for (let i = 0; i < 25; i++) last = await c.change(uri, String(i % 10), { start: pos(6, 40), end: pos(6, 41) });
    const final = await c.diagnostics(uri, last);
    assert.equal(final.version, last);
    assert.ok(
      c.allPublished(uri).every((p, i, all) => i === 0 || (p.version ?? 0) >= (all[i - 1]!.version ?? 0)),
      'no stale result after a newer one',
    );
  });

  it("hovers: both endpoints before → after on a segment, a state's meaning, a diagnostic's code", async () => {
    const uri = 'file:///hs.tcpflow';
    const h = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(6, 20) }));
    assert.match(h, /\*\*Server → Client\*\* `SYN\+ACK` seq=y ack=x\+1/);
    assert.match(h, /\| Client \| SYN_SENT \| ESTABLISHED \|/);
    assert.match(h, /\| Server \| SYN_RECEIVED \| SYN_RECEIVED \|/);
    assert.match(h, /\*\*SYN\*\*: synchronize sequence numbers/);
    const s = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(8, 12) }));
    assert.match(s, /\*\*ESTABLISHED\*\* — Open/);
    assert.match(s, /rcv-fin → CLOSE_WAIT/);
    const d = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///broken.tcpflow' }, position: pos(3, 33) }));
    assert.match(d, /`TF403` — ack behind what was received/);
  });

  it('hovers every TCP option of a segment, and draws them when the preview asks (showOptions)', async () => {
    const uri = 'file:///options.tcpflow';
    await c.open(
      uri,
      [
        'stack linux fastopen',
        'client C',
        'server S',
        'C -> S: SYN seq=u len=10 mss=1460 sackOK ts=100 ecr=0 wscale=7 cookie=c1',
        'S -> C: SYN ACK seq=v ack=u+11 sackOK ts=500 ecr=100',
      ].join('\n'),
    );
    const syn = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(3, 9) }));
    for (const o of ['`mss=1460`', '`wscale=7`', '`sackOK`', '`ts=100 ecr=0`', '`cookie=c1`']) assert.ok(syn.includes(o), `${o} in\n${syn}`);
    assert.match(syn, /SACK permitted/);
    const synAck = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(4, 9) }));
    assert.match(synAck, /Fast Open: the SYN's data is accepted/);
    const drawn = async (showOptions?: boolean): Promise<string> =>
      (await c.request<{ mermaid: string }>('tcpflow/diagram', { uri, showStates: true, ...(showOptions === undefined ? {} : { showOptions }) })).mermaid;
    assert.doesNotMatch(await drawn(), /TS 100/);
    assert.match(await drawn(true), /P1->>P2: SYN seq=u len=10 MSS 1460 WS 7 SACK-OK TS 100\/0 cookie c1/);
  });

  it('completes flags the sender may send now, states with the simulated one first, and whole flows', async () => {
    const uri = 'file:///complete.tcpflow';
    await c.open(uri, 'client C\nserver S\nC -> S: SYN\nS -> C: \nC is ');
    const flags = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(3, 8) });
    const sorted = [...flags].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0]!.label, 'SYN ACK', 'the answer S owes comes first');
    assert.ok(
      flags.some((f) => f.label === 'ack=x+1'),
      'the ack a real TCP would send',
    );
    for (const o of ['sack=', 'ts=', 'ecr=', 'sackOK', 'cookie'])
      assert.ok(
        flags.some((f) => f.label === o),
        `the option ${o}`,
      );
    const states = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(4, 5) });
    assert.equal(states.find((s) => s.preselect)?.label, 'SYN_SENT');
    const start = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(0, 0) });
    for (const l of ['title', 'client', 'handshake', 'close', 'simultaneous-open', 'simultaneous-close', 'refused', 'half-close', 'lost-syn'])
      assert.ok(
        start.some((i) => i.label === l),
        l,
      );
  });

  it('offers quick fixes that remove the error', async () => {
    const uri = 'file:///broken.tcpflow';
    const d = (await c.open(uri, BROKEN)).filter((x) => x.code === 'TF403');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d[0]!.range, context: { diagnostics: d } });
    assert.equal(actions[0]!.title, 'Change to ack=x+1');
    const fixed = applyEdits(BROKEN, actions[0]!.edit!.changes![uri]!);
    const v = await c.change(uri, fixed);
    const after = await c.diagnostics(uri, v);
    assert.deepEqual(
      after.diagnostics.filter((x) => x.severity === 1),
      [],
    );
  });

  it('shows state transitions and inferred numbers as inlay hints', async () => {
    const uri = 'file:///inlay.tcpflow';
    await c.open(uri, 'client C\nserver S\nC -> S: SYN\nS -> C: SYN ACK');
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: pos(0, 0), end: pos(9, 0) } });
    const labels = hints.map((h) => `${h.position.line}:${String(h.label)}`);
    assert.ok(labels.includes('2:seq=x'), labels.join(' | '));
    assert.ok(labels.includes('2:C: CLOSED → SYN_SENT, S: LISTEN → SYN_RECEIVED'), labels.join(' | '));
    assert.ok(labels.includes('3:seq=y ack=x+1'), labels.join(' | '));
  });

  it('gives the outline (title, participants, sections) and folding ranges', async () => {
    const uri = 'file:///outline.tcpflow';
    await c.open(uri, example('data-transfer.tcpflow'));
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Data transfer: a request and a reply', 'Client', 'Server', 'Handshake', 'Data', 'Close (three segments: the second FIN carries the ACK)'],
    );
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine]),
      [
        [4, 7],
        [9, 13],
        [15, 20],
      ],
    );
  });

  it('formats segment lines with aligned arrows and leaves broken lines alone', async () => {
    const uri = 'file:///fmt.tcpflow';
    const text = 'client Client\nserver S\nClient   ->S:SYN   seq=1\nS >  Client : tcp ACK  # hi\nS -> Client: ACK,SYN seq=2 ack=2\nS -> : oops   ';
    await c.open(uri, text);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const out = applyEdits(text, edits);
    assert.equal(out, 'client Client\nserver S\nClient -> S: SYN seq=1\nS      -> Client: ACK  # hi\nS      -> Client: SYN ACK seq=2 ack=2\nS -> : oops   ');
  });

  it('goes to definitions and renames participants and symbols', async () => {
    const uri = 'file:///hs.tcpflow';
    const def = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: pos(6, 2) });
    assert.deepEqual(def?.range, { start: pos(3, 7), end: pos(3, 13) });
    const sym = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: pos(6, 36) });
    assert.deepEqual(sym?.range.start, pos(5, 26), 'x is bound by the SYN');
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(6, 2), newName: 'Host' });
    assert.equal(edit.changes![uri]!.length, 5);
    const renamed = applyEdits(example('three-way-handshake.tcpflow'), edit.changes![uri]!);
    assert.doesNotMatch(renamed, /\bServer\b/);
    assert.match(renamed, /^Client -> Host: SYN seq=x$/m);
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri }, position: pos(6, 2), newName: 'not a name' }));
  });

  it('knows connections: outline entries and folds, completion, hover, definition and rename', async () => {
    const uri = 'file:///connections.tcpflow';
    const text = [
      'stack linux', // 0
      'client C',
      'server S',
      'connection c1 as "10.0.0.1:40000"', // 3
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'connection c2', // 6
      'C -> S: SYN seq=u',
      'connection c1', // 8
      'C -> S: ACK seq=x+1 ack=y+1',
      'C -> S: FIN ACK seq=x+1 ack=y+1',
      'S -> C: FIN ACK seq=y+1 ack=x+2',
      'C -> S: ACK seq=x+2 ack=y+2',
      'connection c3 reuses c', // 13
    ].join('\n');
    await c.open(uri, text);
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const conns = symbols.filter((s) => s.name.startsWith('connection '));
    assert.deepEqual(
      conns.map((s) => [s.name, s.range.start.line, s.range.end.line]),
      [
        ['connection c1', 3, 12],
        ['connection c2', 6, 7],
        ['connection c3', 13, 13],
      ],
    );
    assert.match(conns[0]!.detail ?? '', /10\.0\.0\.1:40000 · C TIME_WAIT, S CLOSED/);
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(
      folds.map((f) => [f.startLine, f.endLine]),
      [
        [3, 5],
        [6, 7],
        [8, 12],
      ],
    );
    const reuse = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(13, 22) });
    assert.deepEqual(
      reuse.map((i) => i.label),
      ['c1', 'c2'],
    );
    const names = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(8, 12) });
    assert.deepEqual(
      names.map((i) => i.label),
      ['c1', 'c2', 'c4'],
    );
    const h = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(8, 12) }));
    assert.match(h, /\*\*Connection c1\*\* — 10\.0\.0\.1:40000/);
    assert.match(h, /\| C \| ESTABLISHED \| TIME_WAIT \|/);
    const seg = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(7, 10) }));
    assert.match(seg, /\*\*c2: C → S\*\*/);
    const def = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: pos(8, 12) });
    assert.deepEqual(def?.range, { start: pos(3, 11), end: pos(3, 13) });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(3, 12), newName: 'first' });
    const renamed = applyEdits(text, edit.changes![uri]!);
    assert.match(renamed, /^connection first as "10\.0\.0\.1:40000"$/m);
    assert.match(renamed, /^connection first$/m);
  });

  it('answers an unknown request with MethodNotFound and keeps serving', async () => {
    await assert.rejects(c.request('tcpflow/doesNotExist', {}), (e: { code?: number }) => e.code === -32601);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///hs.tcpflow' }, position: pos(5, 2) });
    assert.ok(hoverText(h));
  });

  it('survives megabytes of garbage and stays responsive', async () => {
    const junk = Array.from({ length: 60_000 }, (_, i) => `${'@#&>-x"\\'.repeat((i % 7) + 1)} A -> B: ${'SYN '.repeat(i % 5)}seq=${i}`).join('\n');
    assert.ok(junk.length > 2_000_000);
    const d = await c.open('file:///junk.tcpflow', junk);
    assert.ok(d.length > 0);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///hs.tcpflow' }, position: pos(5, 2) });
    assert.ok(hoverText(h));
    assert.equal(c.proc.exitCode, null, 'still running');
  });

  it('speaks Korean when the editor does, and follows settings', async () => {
    const ko = new TestClient();
    try {
      await ko.initialize('ko');
      const d = await ko.open('file:///broken.tcpflow', BROKEN);
      assert.match(d.find((x) => x.code === 'TF403')!.message, /받은 것보다 뒤처집니다/);
    } finally {
      await ko.stop();
    }
    const quiet = new TestClient();
    try {
      quiet.settings = { inlayHints: { states: false }, diagnostics: { hints: false } };
      await quiet.initialize();
      const info = await quiet.open('file:///pending.tcpflow', 'client C\nserver S\nC -> S: SYN\nS -> C: SYN ACK');
      assert.deepEqual(info, [], 'no TF600 with hints off');
      const hints = await quiet.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: 'file:///pending.tcpflow' },
        range: { start: pos(0, 0), end: pos(9, 0) },
      });
      assert.ok(
        hints.every((h) => !String(h.label).includes('→')),
        'no state hints',
      );
    } finally {
      await quiet.stop();
    }
  });

  it('draws the preview with the new stack once it says it applied a settings change', async () => {
    const s = new TestClient();
    try {
      await s.initialize();
      const uri = 'file:///rst-in-time-wait.tcpflow';
      await s.open(uri, 'peer A state TIME_WAIT\npeer T raw\nT -> A: RST seq=1');
      const drawn = async (): Promise<string> => (await s.request<{ mermaid: string }>('tcpflow/diagram', { uri, showStates: true })).mermaid;
      assert.match(await drawn(), /Note left of P1: CLOSED/, 'RFC 9293: the RST ends TIME_WAIT');
      s.settings = { stack: 'freebsd' };
      const applied = new Promise<void>((resolve) => s.conn.onNotification('tcpflow/settingsApplied', () => resolve()));
      await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { tcpflow: s.settings } });
      await applied;
      assert.doesNotMatch(await drawn(), /Note left of P1: CLOSED/, 'FreeBSD (RFC 1337): TIME_WAIT stays');
    } finally {
      await s.stop();
    }
  });

  it('says everything in Korean in a hover: no English summary or event names', async () => {
    const ko = new TestClient();
    try {
      await ko.initialize('ko');
      const uri = 'file:///ko-hover.tcpflow';
      await ko.open(uri, BROKEN);
      const onAck = hoverText(await ko.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(3, 33) }));
      assert.match(onAck, /`TF40\d` — [가-힣]/);
      const onState = hoverText(await ko.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(5, 14) }));
      assert.match(onState, /FIN 받음 → CLOSE_WAIT/);
      assert.doesNotMatch(onAck + onState, /\b(rcv-|passive-open|acknowledges|stale|the)\b/);
    } finally {
      await ko.stop();
    }
  });
});
