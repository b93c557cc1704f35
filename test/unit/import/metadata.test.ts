import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guessDifficulty, guessDomain, guessMinutes } from '../../../server/import/metadata.js';

describe('metadata guesses', () => {
  it('picks the domain with the most keywords and says it guessed', () => {
    const guess = guessDomain('audit the ServiceAccount; bind a Role to the ServiceAccount');
    assert.equal(guess.value, 'Cluster Hardening');
    assert.match(guess.why, /guessed/);
    assert.equal(guessDomain('scan the image with trivy').value, 'Supply Chain Security');
    assert.match(guessDomain('nothing here').why, /default/);
  });

  it("maps Katacoda's difficulty words and time", () => {
    assert.equal(guessDifficulty('Beginner').value, 'easy');
    assert.equal(guessDifficulty('Advanced').value, 'hard');
    assert.equal(guessDifficulty(undefined).value, 'medium');
    assert.equal(guessMinutes('15 minutes', 3).value, 15);
    assert.equal(guessMinutes(undefined, 3).value, 15);
    assert.equal(guessMinutes('999 minutes', 1).value, 240);
  });
});
