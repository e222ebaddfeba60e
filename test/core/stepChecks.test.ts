/**
 * The stepping engine's rules are named checks in one registry (src/core/checker/stepChecks.ts):
 * each reports codes of the code table, no two share a name, and each code is reported where
 * a user sees it. Profile questions are asked of the profile's flags, not of its name.
 */
import assert from 'node:assert/strict';
import { CODES } from '../../src/core/common/diagnosticCodes.js';
import { STEP_CHECKS } from '../../src/core/checker/stepChecks.js';
import { profile } from '../../src/core/model/profiles.js';
import { codes, lines, run } from '../helpers/flow.js';

const ALL = Object.values(STEP_CHECKS).flat();

describe('the named checks of the stepping engine', () => {
  it('have distinct names and report only codes of the code table', () => {
    const names = ALL.map((c) => c.name);
    assert.equal(new Set(names).size, names.length, names.join(', '));
    for (const c of ALL) for (const code of c.codes) assert.ok(code in CODES, `${c.name}: ${code}`);
  });

  it('hold the rules the engine used to report itself: TF113, TF201, TF204, TF301, TF500, TF702, TF703, TF704, TF705', () => {
    const held = new Set(ALL.flatMap((c) => c.codes));
    for (const code of ['TF113', 'TF201', 'TF204', 'TF301', 'TF500', 'TF702', 'TF703', 'TF704', 'TF705']) assert.ok(held.has(code as never), code);
  });

  it('report a segment sent to itself, an impossible call and a wrong claimed state on their lines', () => {
    assert.ok(codes(run(lines('client C', 'server S', 'C -> C: SYN seq=x'))).includes('TF113@3'));
    assert.ok(codes(run(lines('peer A', 'peer B', 'A connect', 'A connect'))).includes('TF201@4'));
    const wrong = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'C is ESTABLISHED'));
    assert.ok(codes(wrong).includes('TF500@4'));
  });
});

describe('profile questions are the profile’s flags', () => {
  it('only linux replaces its own TIME_WAIT socket with a new SYN (tcp_tw_reuse) and keeps TIME_WAIT a fixed 60 s', () => {
    assert.deepEqual(
      (['rfc9293', 'rfc793', 'linux', 'freebsd'] as const).map((n) => [n, profile(n).ownTimeWaitReuse, profile(n).linuxTimeWait]),
      [
        ['rfc9293', false, false],
        ['rfc793', false, false],
        ['linux', true, true],
        ['freebsd', false, false],
      ],
    );
  });

  it('Fast Open is known to the stacks the vocabulary names (linux, freebsd), and only with `fastopen`', () => {
    assert.deepEqual(
      (['rfc9293', 'rfc793', 'linux', 'freebsd'] as const).map((n) => profile(n, ['fastopen']).fastOpen),
      [false, false, true, true],
    );
    assert.equal(profile('linux').fastOpen, false);
  });
});
