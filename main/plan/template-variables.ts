// The placeholders a plan's templates may use ({{stack.config.host}}, …) and how they are found in a template.
import type { RequestTemplate } from './schema';
import type { DocPath } from './source';

export const STATIC_TEMPLATE_VARIABLES = new Set(['plan.name', 'stack.id', 'stack.name', 'stack.project', 'stack.description', 'wave.id', 'wave.name']);

export const URL_TEMPLATE_VARIABLES = [
  'plan.name',
  'stack.id',
  'stack.name',
  'stack.project',
  'stack.description',
  'wave.id',
  'wave.name',
  'stack.config.<key>',
  'stack.output.<name>',
];

/** Whether a registry request of this kind can fill the placeholder. */
export function isKnownTemplateVariable(variable: string, kind: 'register' | 'lookup' | 'deregister'): boolean {
  if (STATIC_TEMPLATE_VARIABLES.has(variable)) return true;
  if (/^stack\.(config|output)\.[A-Za-z_][A-Za-z0-9_.:-]*$/.test(variable)) return true;
  return variable === 'registration.id' && kind === 'deregister';
}

/** Every placeholder in a request template's path and body, located. */
export function* templateVariables(template: RequestTemplate, path: DocPath): Generator<{ variable: string; path: DocPath }> {
  for (const { text, path: at } of stringsIn({ path: template.path, body: template.body }, path)) {
    for (const match of text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) yield { variable: match[1]!, path: at };
  }
}

/** Every string in a value, located. */
export function* stringsIn(value: unknown, path: DocPath): Generator<{ text: string; path: DocPath }> {
  if (typeof value === 'string') yield { text: value, path };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsIn(item, [...path, i]);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) yield* stringsIn(item, [...path, key]);
  }
}
