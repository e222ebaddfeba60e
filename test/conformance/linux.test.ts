// The Linux conformance captures, without root: each capture that `npm run conformance:linux`
// made with this machine's kernel (through the relay: at both ends) must still import, check
// with no errors and no warnings under the linux profile, pass through the states the kernel
// reported and end where it ended.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { verify, type Fixture } from './linux/verify.js';

const DIR = join(__dirname, '../fixtures/captures/linux');

describe('conformance: captures of the Linux kernel (test/fixtures/captures/linux)', () => {
  const names = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
  it('has every scenario', () => {
    assert.deepEqual(names.sort(), [
      'abort-linger0',
      'both-ends',
      'bulk',
      'close-unread',
      'duplicated',
      'ecn-handshake',
      'fast-open',
      'half-close',
      'ipv6',
      'keepalive',
      'keepalive-unanswered',
      'lost-data',
      'lost-fin',
      'lost-synack',
      'open-close',
      'refused',
      'reordered',
      'rst-fin-wait-2',
      'sack-two-holes',
      'server-closes-first',
      'simultaneous-close',
      'simultaneous-close-data',
      'simultaneous-open',
      'time-wait-reuse',
      'twenty-connections',
      'urgent',
      'zero-window',
    ]);
  });
  it('bulk-tail-loss-probe (a rare run of bulk, test/fixtures/captures/linux-extra): a resent tail is no loss of the whole burst', () => {
    const extra = join(DIR, '../linux-extra/bulk-tail-loss-probe');
    const verdict = verify(readFileSync(`${extra}.pcap`), JSON.parse(readFileSync(`${extra}.json`, 'utf8')) as Fixture);
    assert.deepEqual(verdict.problems, [], verdict.flow);
    assert.doesNotMatch(verdict.flow, / -x /, verdict.flow);
  });

  for (const name of names) {
    const fx = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Fixture;
    for (const at of [undefined, ...(fx.alsoCapturedAt ?? [])]) {
      const base = at ? `${name}.at-${at}` : name;
      it(`${base}: agrees with the kernel, and imports to the committed flow`, () => {
        const verdict = verify(readFileSync(join(DIR, `${base}.pcap`)), fx, at);
        assert.equal(verdict.flow, readFileSync(join(DIR, `${base}.tcpflow`), 'utf8'));
        assert.deepEqual(verdict.problems, [], verdict.flow);
        // Reordering and duplication by the network are no losses.
        if (fx.dropped.length === 0) assert.doesNotMatch(verdict.flow, / -x /, verdict.flow);
      });
    }
  }
});
