// Replaces every secret value the core holds with a marker before text leaves the core (logs, journal, events).
// Pulumi masks secrets it knows about; this also covers errors from providers and registries that echo inputs.

const MARKER = '[secret]';
/** Values this short would redact ordinary words; such values are refused at their source instead. */
const MIN_SECRET_LENGTH = 4;

export class SecretRedactor {
  /** Longest first, so a secret that contains another is replaced whole. */
  private secrets: string[] = [];

  /** Registers values to hide from now on (e.g. a passphrase, tokens, secret config read from the environment). */
  add(...values: (string | undefined)[]): void {
    const fresh = values.filter((value): value is string => !!value && value.length >= MIN_SECRET_LENGTH && !this.secrets.includes(value));
    if (fresh.length > 0) this.secrets = [...this.secrets, ...fresh].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    // Runs on every event that leaves the core: skip the split/join unless the secret is there.
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MARKER);
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
