import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../src/coach/understand/parse-command.js';
import { an } from './helpers.js';

const cmd = (text: string) => parseCommand(an(text));

describe('parseCommand', () => {
  it.each([
    ['start', 'start'], ["let's go", 'start'], ['check in', 'start'], ['check-in', 'start'], ['begin', 'start'], ['ready', 'start'], ["I'm ready!", 'start'],
    ['stop', 'stop'], ['quit', 'stop'], ['end', 'stop'], ['exit', 'stop'], ['I want to stop', 'stop'], ['stop for today please', 'stop'],
    ['pause', 'pause'], ['take a break', 'pause'], ['can we take a break?', 'pause'], ['later', 'pause'], ['maybe later', 'pause'],
    ['continue', 'continue'], ['resume', 'continue'], ['go on', 'continue'], ['carry on', 'continue'], ['where were we?', 'continue'],
    ['help', 'help'], ['help me', 'help'], ['what can I say?', 'help'],
    ['progress', 'progress'], ['how am I doing?', 'progress'], ['my stats', 'progress'], ['show me my progress', 'progress'],
    ['done', 'done'], ['finished', 'done'], ['did it', 'done'], ['completed', 'done'], ['ok done', 'done'], ["I'm done", 'done'],
    ['skip', 'skip'], ['skip this one', 'skip'], ['pass', 'skip'],
    ['again', 'repeat'], ['repeat', 'repeat'], ['one more time', 'repeat'], ['say that again please', 'repeat'],
    ['export my data', 'export'], ['download my data', 'export'], ['can you send me my data?', 'export'],
    ['delete my data', 'delete'], ['forget me', 'delete'], ['erase everything', 'delete'], ['please delete all my data', 'delete'],
    ['disclaimer', 'disclaimer'], ['is this medical advice?', 'disclaimer'], ['are you a doctor?', 'disclaimer'],
    ["I've been checked", 'evaluated'], ['the doctor cleared me', 'evaluated'], ['I was evaluated yesterday', 'evaluated'],
    ['got the all clear', 'evaluated'], ['my gyno examined me and said everything is fine', 'evaluated'],
    ['go back', 'back'], ['previous', 'back'], ['back', 'back'],
    ['dnoe', 'done'], ['finsihed', 'done'], ['stpo', 'stop'], ['contiune', 'continue'], ['ok skpi', 'skip'],
  ])('%j -> %s', (text, want) => {
    expect(cmd(text)).toBe(want);
  });

  it.each([
    "I didn't stop when it hurt", "don't stop", 'I stopped halfway because it was boring', 'I want to stop feeling so scared of this',
    'it helps to breathe', 'I need help with the burning at the entrance', 'the end of the dilator felt cold', 'I did it again and it burned',
    "the doctor hasn't cleared me yet", 'I need to get checked', 'I will see my doctor next week', 'should I get checked?',
    'my doctor said it is fine to use coconut oil', "don't delete my data", 'I forgot my dilator at home', 'ready to give up honestly?',
    'it was a 3', 'none', 'gone',
  ])('%j is not a command', (text) => {
    expect(cmd(text)).toBeUndefined();
  });
});
