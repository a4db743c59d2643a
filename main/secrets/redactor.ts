// Replaces every secret value the core holds with a marker before text leaves the core (logs, journal, events).
// Pulumi masks secrets it knows about; this also covers errors from providers and registries that echo inputs.

const MARKER = '[secret]';
/** Values this short would redact ordinary words; such values are refused at their source instead. */
const MIN_SECRET_LENGTH = 4;

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers values to hide from now on (e.g. a passphrase, tokens, secret config read from the environment). */
  add(...values: (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MARKER);
    return out;
  }

  /** Redacts every string inside a JSON-like value. */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactDeep(item)])) as T;
    }
    return value;
  }
}
