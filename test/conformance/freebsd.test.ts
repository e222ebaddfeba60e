/**
 * Conformance against FreeBSD: every state-event-engine script of the FreeBSD tcp-testsuite
 * (copied into test/fixtures/freebsd-tcp-testsuite with its licence), translated into a flow and checked. FreeBSD branches run with the
 * `freebsd` stack, the suite's STANDARD branches (its authors' reading of the RFCs) with
 * `rfc9293`. Where FreeBSD departs from RFC 9293 the freebsd profile says so (see
 * docs/conformance.md): RFC 1337 TIME-WAIT, tcp_twcheck's TIME-WAIT answers, SYN+ACK in LISTEN
 * dropped silently, drop_synfin.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { disagreements } from './judge.js';
import { translate, type Variant } from './packetdrill.js';

const ROOT = join(__dirname, '../fixtures/freebsd-tcp-testsuite/state-event-engine');
const summary: string[] = [];

describe('conformance: FreeBSD tcp-testsuite state-event-engine', function () {
  if (!existsSync(ROOT)) {
    it('needs the FreeBSD scripts in test/fixtures', () => assert.fail(`missing ${ROOT}`));
    return;
  }
  const dirs = readdirSync(ROOT)
    .filter((d) => existsSync(join(ROOT, d, 'README.md')))
    .sort();
  let total = 0;
  for (const dir of dirs) {
    const scripts = readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.pkt'))
      .sort();
    if (scripts.length === 0) continue;
    describe(dir, () => {
      let agreed = 0;
      let runs = 0;
      for (const file of scripts) {
        const source = readFileSync(join(ROOT, dir, file), 'utf8');
        const variants: Variant[] = source.includes('#ifdef') ? ['FreeBSD', 'STANDARD'] : ['FreeBSD'];
        for (const variant of variants) {
          runs++;
          total++;
          it(`${file} [${variant}]`, () => {
            const t = translate(source, variant);
            const problems = disagreements(t);
            assert.deepEqual(problems, [], `${t.flow}\n`);
            agreed++;
          });
        }
      }
      after(() => summary.push(`${dir.padEnd(26)} ${agreed}/${runs}`));
    });
  }
  after(() => {
    const agreedAll = summary.reduce((n, l) => n + Number(/ (\d+)\//.exec(l)![1]), 0);
    process.stdout.write(
      `\n  FreeBSD conformance by directory (scripts × branches the checker agrees with):\n${summary.map((l) => `    ${l}`).join('\n')}\n    total: ${agreedAll}/${total}\n`,
    );
  });
});
