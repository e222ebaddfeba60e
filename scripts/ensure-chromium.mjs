// @ts-check
// Before `npm test`: the webview and Markdown-preview tests run in Debian's Chromium. Installs it
// when it is missing and we are root (CI, this project's machines); otherwise says what to install.
import { ensureDebianPackages } from './code-server.mjs';

try {
  ensureDebianPackages(['chromium']);
} catch (e) {
  console.error(`npm test: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
