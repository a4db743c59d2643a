// Replaces every secret value the core holds with a marker before text leaves the core (logs, journal, events,
// evidence). Pulumi masks secrets it knows about; this also covers errors from providers and registries that echo
// inputs. Like the secret masker of GitHub Actions' runner, a secret is also hidden in the encodings it is most
// often echoed in: JSON-escaped, URL-encoded, and base64 (at each of the three byte alignments it can have inside
// a longer base64 text, e.g. a Basic auth header).

const MARKER = '[secret]';
/** Encoded forms shorter than this are not searched for (they would hide ordinary text). */
const MIN_ENCODED_LENGTH = 8;
/**
 * A secret shorter than this is not hidden: replacing a value such as `t` or `step` everywhere would rewrite ordinary
 * words and the names of the core's own fields (a journal entry's `steps` read back as `s[secret]eps`). Whoever reads
 * such a secret refuses to use it (`tooShortToHide`), so it never goes anywhere unhidden.
 */
export const MIN_SECRET_LENGTH = 8;

/** Whether a secret is too short for the redactor to hide (see MIN_SECRET_LENGTH). */
export function tooShortToHide(value: string): boolean {
  return value.length < MIN_SECRET_LENGTH;
}

export class SecretRedactor {
  private readonly values = new Set<string>();
  private readonly forms = new Set<string>();
  /** One alternation of every form, longest first, so a secret that contains another is replaced whole. */
  private pattern: RegExp | undefined;

  /** Registers values to hide from now on (a passphrase, tokens, secret config read from the environment). */
  add(...values: (string | undefined)[]): void {
    let changed = false;
    for (const value of values) {
      if (!value || this.values.has(value) || tooShortToHide(value)) continue;
      this.values.add(value);
      for (const form of encodedForms(value)) {
        if (!this.forms.has(form)) {
          this.forms.add(form);
          changed = true;
        }
      }
    }
    if (changed) {
      const alternatives = [...this.forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
  }

  /** How many values are registered (not their forms). */
  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    return this.pattern ? text.replace(this.pattern, MARKER) : text;
  }

  /**
   * Redacts every string inside a JSON-like value, keys included. Copy on write: a value with nothing to hide is
   * returned as it is, so scrubbing every event and answer costs a walk, not a copy.
   */
  redactDeep<T>(value: T): T {
    return this.pattern ? (scrub(value, this.pattern) as T) : value;
  }
}

function scrub(value: unknown, pattern: RegExp): unknown {
  if (typeof value === 'string') return value.replace(pattern, MARKER);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === null || (typeof item !== 'string' && typeof item !== 'object')) continue;
      const scrubbed = scrub(item, pattern);
      if (scrubbed !== item) (copy ??= [...value])[index] = scrubbed;
    }
    return copy ?? value;
  }
  if (value && typeof value === 'object') {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const safeKey = key.replace(pattern, MARKER);
      const scrubbed = item === null || (typeof item !== 'string' && typeof item !== 'object') ? item : scrub(item, pattern);
      if (safeKey !== key || scrubbed !== item) {
        copy ??= { ...(value as Record<string, unknown>) };
        if (safeKey !== key) delete copy[key];
        copy[safeKey] = scrubbed;
      }
    }
    return copy ?? value;
  }
  return value;
}

/** The value and the encodings it is commonly echoed in. */
export function encodedForms(value: string): string[] {
  const forms = new Set<string>([value]);
  const add = (form: string) => {
    if (form.length >= MIN_ENCODED_LENGTH) forms.add(form);
  };
  add(JSON.stringify(value).slice(1, -1));
  add(encodeURIComponent(value));
  add(encodeURIComponent(value).replace(/%20/g, '+'));
  const bytes = Buffer.from(value, 'utf8');
  for (const shift of [0, 1, 2]) {
    for (const form of base64Aligned(bytes, shift)) add(form);
  }
  return [...forms];
}

/**
 * The base64 characters that encode `bytes` alone when they follow `shift` other bytes: characters mixing in bits
 * of the bytes before or after are left off, so the form matches wherever the value sits in a longer encoding.
 */
function base64Aligned(bytes: Buffer, shift: number): string[] {
  const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
    .toString('base64')
    .replace(/=+$/, '');
  // A shift of 1 byte mixes the 2nd character, of 2 bytes the 3rd: drop every character that holds prefix bits.
  const start = shift === 0 ? 0 : shift + 1;
  // The last character holds zero padding bits unless the total is a whole number of 3-byte groups.
  const end = (shift + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1;
  const standard = encoded.slice(start, end);
  return [standard, standard.replace(/\+/g, '-').replace(/\//g, '_')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
