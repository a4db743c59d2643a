// Which fields a plan schema allows at a document path, so an unknown field can suggest the right one.
import type { z } from 'zod';
import type { DocPath } from './source';

type AnySchema = z.core.$ZodType;

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema };
    if (!WRAPPERS.has(def.type) || !def.innerType) return current;
    current = def.innerType;
  }
}

function objectKeys(schema: AnySchema): string[] | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema>; options?: AnySchema[] };
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.type === 'union' && def.options) {
    const keys = def.options.flatMap((option) => objectKeys(option) ?? []);
    return keys.length > 0 ? [...new Set(keys)] : undefined;
  }
  return undefined;
}

export function fieldsAt(root: AnySchema, path: DocPath): string[] | undefined {
  let node = unwrap(root);
  for (const segment of path) {
    const def = node._zod.def as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
      valueType?: AnySchema;
    };
    let next: AnySchema | undefined;
    if (def.type === 'object') next = def.shape?.[String(segment)];
    else if (def.type === 'array') next = def.element;
    else if (def.type === 'record') next = def.valueType;
    if (!next) return undefined;
    node = unwrap(next);
  }
  return objectKeys(node);
}
