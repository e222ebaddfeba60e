/**
 * Runs inside VS Code (the extension host): the extension's scenarios against the real editor
 * API. Each waits for the editor's own events (diagnostics changing), never for time to pass.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const examples = path.resolve(__dirname, '../../examples');

function diagnosticsFor(uri: vscode.Uri, test: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (test(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (test(d)) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

const scenarios: [string, () => Promise<void>][] = [
  [
    'a broken flow gets its error and the quick fix removes it',
    async () => {
      const doc = await vscode.workspace.openTextDocument({
        language: 'tcpflow',
        content: 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+5\n',
      });
      await vscode.window.showTextDocument(doc);
      const d = await diagnosticsFor(doc.uri, (x) => x.some((y) => y.code === 'TF402'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        d.find((x) => x.code === 'TF402')!.range,
      );
      const fix = actions.find((a) => a.title === 'Change to ack=x+1');
      assert.ok(fix?.edit);
      await vscode.workspace.applyEdit(fix.edit);
      await diagnosticsFor(doc.uri, (x) => !x.some((y) => y.severity === vscode.DiagnosticSeverity.Error));
    },
  ],
  [
    "hover shows both endpoints' states",
    async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(examples, 'three-way-handshake.tcpflow')));
      await vscode.window.showTextDocument(doc);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(6, 20));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /Client \| SYN_SENT \| ESTABLISHED/);
    },
  ],
  [
    'completion after "Client -> Server: " offers flags',
    async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: 'client Client\nserver Server\nClient -> Server: ' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(2, 18));
      assert.ok(list.items.some((i) => i.label === 'SYN'));
    },
  ],
  [
    'inlay hints show the state transitions',
    async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(examples, 'three-way-handshake.tcpflow')));
      const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, 20, 0));
      assert.ok(hints.some((h) => String(h.label).includes('Client: CLOSED → SYN_SENT')));
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of scenarios) {
    try {
      await fn();
      console.log(`  ✔ ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`  ✘ ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`integration: ${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} integration scenario(s) failed`);
}
