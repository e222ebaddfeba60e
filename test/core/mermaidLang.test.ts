/** The diagram in Korean: only the generator's own words change, never the author's text. */
import assert from 'node:assert/strict';
import { check, toMermaid, toMermaidIn } from '../../src/core/index.js';
import { generateFlow } from '../../bench/flows.js';

describe('Mermaid in Korean', () => {
  it('names the crossing block and waits in Korean', () => {
    const r = check('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN seq=y\n& C -> S: SYN ACK seq=x ack=y+1\nwait 2s');
    const ko = toMermaidIn(r, {}, 'ko').text;
    assert.match(ko, /^ {2}par 엇갈려 전송 중$/m);
    assert.match(ko, /^ {2}Note over P1,P2: 대기 2 s$/m);
    assert.equal(toMermaidIn(r, {}, 'en').text, toMermaid(r).text, "English is the generator's own text");
  });

  it("leaves the author's notes alone, even when they read like the generator's words", () => {
    const r = check('client C\nserver S\nnote over C,S: wait 2 s\nC -> S: SYN seq=x "(no flags)"');
    const ko = toMermaidIn(r, {}, 'ko').text;
    assert.match(ko, /Note over P1,P2: wait 2 s$/m);
    assert.match(ko, /SYN seq=x len=10 #quot;\(no flags\)#quot;/);
  });

  it('says which part of a long flow it draws', () => {
    const text = generateFlow(3000);
    const r = check(text);
    const steps = r.simulation.steps.filter((s) => s.segment);
    const lineWindow = { from: steps[100]!.line, to: steps[1099]!.line };
    const ko = toMermaidIn(r, { lineWindow }, 'ko').text;
    assert.match(ko, new RegExp(`Note over P1,P2: 긴 흐름의 ${lineWindow.from + 1}–${lineWindow.to + 1}행만 보여 줍니다$`, 'm'));
    assert.doesNotMatch(ko, /showing lines/);
  });
});
