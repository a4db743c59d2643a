// Reading a track's JSON stack config (keyspaces:settings, schedules:settings) field by field, each failure naming the
// config key and the field: one reader for every program part, so their messages read alike.

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A value as a message shows it. */
export const shown = (value: unknown) => JSON.stringify(value) ?? 'nothing';

/** The field readers of one config key: each throws `<key>: <field> <problem>`. */
export function configFields(key: string) {
  class SettingsError extends Error {
    constructor(field: string, problem: string) {
      super(`${key}: ${field} ${problem}`);
      this.name = 'SettingsError';
    }
  }
  return {
    SettingsError,
    text(value: unknown, field: string, pattern: RegExp, what: string): string {
      if (typeof value !== 'string' || !pattern.test(value)) throw new SettingsError(field, `must be ${what} (got ${shown(value)})`);
      return value;
    },
    list(value: unknown, field: string, min: number): unknown[] {
      if (value === undefined && min === 0) return [];
      if (!Array.isArray(value)) throw new SettingsError(field, `must be a list (got ${shown(value)})`);
      if (value.length < min) throw new SettingsError(field, `must list at least ${min}`);
      return value;
    },
    whole(value: unknown, field: string, min: number, max: number, fallback: number): number {
      if (value === undefined) return fallback;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        throw new SettingsError(field, `must be a whole number from ${min} to ${max} (got ${shown(value)})`);
      return value;
    },
  };
}
