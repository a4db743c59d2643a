// Typed reads of list and enum config values that name the key on a bad value, shared by the program and its
// tracks so every config error reads the same way.
import type * as pulumi from '@pulumi/pulumi';

export interface ConfigValues {
  stringList(key: string): string[] | undefined;
  numberList(key: string): number[] | undefined;
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T;
}

export function configValues(config: pulumi.Config): ConfigValues {
  const list = <T>(key: string, kind: 'string' | 'number'): T[] | undefined => {
    const value = config.getObject<unknown>(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== kind)) throw new Error(`${config.name}:${key} must be a list of ${kind}s`);
    return value as T[];
  };
  return {
    stringList: (key) => list<string>(key, 'string'),
    numberList: (key) => list<number>(key, 'number'),
    oneOf: (key, allowed, fallback) => {
      const value = config.get(key) ?? fallback;
      if (!(allowed as readonly string[]).includes(value)) throw new Error(`${config.name}:${key} must be one of ${allowed.join(', ')} (got '${value}')`);
      return value as (typeof allowed)[number];
    },
  };
}
