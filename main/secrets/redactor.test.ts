import { describe, expect, it } from 'vitest';
import { encodedForms, MIN_SECRET_LENGTH, SecretRedactor, tooShortToHide } from './redactor';

describe('secret redactor', () => {
  it('replaces every occurrence, longest secret first', () => {
    const redactor = new SecretRedactor();
    redactor.add('token-abc', 'token-abc-extended', undefined, '');
    expect(redactor.redact('x token-abc-extended y token-abc z')).toBe('x [secret] y [secret] z');
    expect(redactor.redactDeep({ list: ['token-abc'], n: 1, 'token-abc': true })).toEqual({ list: ['[secret]'], n: 1, '[secret]': true });
    expect(redactor.size).toBe(2);
  });

  it('hides no value shorter than MIN_SECRET_LENGTH: it would rewrite ordinary words and the fields of its own data', () => {
    const redactor = new SecretRedactor();
    redactor.add('t', 'step', 'seven77');
    const entry = { kind: 'cutover', run: { steps: [{ status: 'started' }] } };
    expect(redactor.redactDeep(entry)).toBe(entry);
    expect(redactor.redact('quiet steps')).toBe('quiet steps');
    expect(redactor.size).toBe(0);
    expect(tooShortToHide('seven77')).toBe(true);
    expect(tooShortToHide('eight888')).toBe(false);
    redactor.add('eight888');
    expect(redactor.redact('x eight888 y')).toBe('x [secret] y');
    expect(MIN_SECRET_LENGTH).toBe(8);
  });

  it('treats a value as text, never as a pattern', () => {
    const redactor = new SecretRedactor();
    redactor.add('a.b*c(d)$[x]');
    expect(redactor.redact('aXbbbc(d)$[x] / a.b*c(d)$[x]')).toBe('aXbbbc(d)$[x] / [secret]');
  });

  it('hides the JSON-escaped, URL-encoded and base64 forms a registry or an SDK may echo', () => {
    const secret = 'p@ss "word"/with+odd chars\\';
    const redactor = new SecretRedactor();
    redactor.add(secret);
    const echoes = [
      JSON.stringify({ token: secret }),
      `https://x.example/?token=${encodeURIComponent(secret)}`,
      `Authorization: Basic ${Buffer.from(`user:${secret}`).toString('base64')}`,
      `Authorization: Basic ${Buffer.from(`us:${secret}`).toString('base64')}`,
      `Authorization: Basic ${Buffer.from(`u:${secret}`).toString('base64')}`,
      Buffer.from(secret).toString('base64url'),
    ];
    for (const echo of echoes) {
      const redacted = redactor.redact(echo);
      expect(redacted, echo).toContain('[secret]');
      // Whatever is left must not decode back to the secret either.
      expect(Buffer.from(redacted.replace(/^.*Basic /, ''), 'base64').toString('utf8')).not.toContain(secret);
    }
  });

  it('does not search for encoded forms too short to be told from ordinary text', () => {
    expect(encodedForms('ab')).toEqual(['ab']);
  });
});
