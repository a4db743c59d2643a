// DMS table mappings of an instance's MySQL schemas. Free of @pulumi/aws, so the rehearsal target uses it too.

/** MySQL's own schemas: never replicated, even when a wildcard selects every schema. */
export const MYSQL_SYSTEM_SCHEMAS = ['mysql', 'sys', 'performance_schema', 'information_schema'] as const;

/**
 * DMS table mappings: include every table of the given schemas; with a wildcard, exclude MySQL's system schemas.
 * https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Tasks.CustomizingTasks.TableMapping.SelectionTransformation.Selections.html
 */
export function tableMappings(schemas: readonly string[]): string {
  const rules: Record<string, unknown>[] = schemas.map((schema, index) => ({
    'rule-type': 'selection',
    'rule-id': String(index + 1),
    'rule-name': `include-${schema === '%' ? 'all-schemas' : schema}`,
    'object-locator': { 'schema-name': schema, 'table-name': '%' },
    'rule-action': 'include',
  }));
  if (schemas.some((schema) => schema.includes('%'))) {
    for (const schema of MYSQL_SYSTEM_SCHEMAS) {
      rules.push({
        'rule-type': 'selection',
        'rule-id': String(rules.length + 1),
        'rule-name': `exclude-${schema}`,
        'object-locator': { 'schema-name': schema, 'table-name': '%' },
        'rule-action': 'exclude',
      });
    }
  }
  return JSON.stringify({ rules });
}
