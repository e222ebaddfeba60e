import assert from 'node:assert/strict';
import { langOf } from '../../src/shared/lang.js';

describe("the user's language from a locale (server, extension, CLI, webview)", () => {
  it('is Korean for ko and its regions, however the locale is written', () => {
    for (const l of ['ko', 'KO', 'ko-KR', 'ko_KR.UTF-8', 'ko.UTF-8', 'ko@euro']) assert.equal(langOf(l), 'ko', l);
  });
  it('is English otherwise, Konkani (kok) included', () => {
    for (const l of [undefined, '', 'en', 'en-US', 'kok', 'kok-IN', 'C', 'zh-tw']) assert.equal(langOf(l), 'en', String(l));
  });
});
