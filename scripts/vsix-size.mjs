// @ts-check
// The last step of `npm run package`: prints the VSIX's size and fails (exit code 1) when it is
// over the budget, 1.5 MB (1,500,000 bytes). The package once carried Mermaid three times
// (3.5 MB); now dist/mermaid.js is the only copy and a second one would show here at once.
import { statSync } from 'node:fs';

const BUDGET = 1_500_000;

const file = process.argv[2] ?? 'tcpflow.vsix';
const bytes = statSync(file).size;
const mb = (n) => `${(n / 1_000_000).toFixed(2)} MB`;
if (bytes > BUDGET) {
  console.error(
    `${file}: ${mb(bytes)} (${bytes.toLocaleString('en')} bytes) is OVER the package budget of ${mb(BUDGET)}: look in dist/ for what grew (a second Mermaid?)`,
  );
  process.exitCode = 1;
} else {
  console.log(`${file}: ${mb(bytes)} (${bytes.toLocaleString('en')} bytes), within the package budget of ${mb(BUDGET)}`);
}
