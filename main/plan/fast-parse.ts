// The plan's data from a fast YAML parse, for the common case of a plain plan: the positioned document (source.ts,
// the `yaml` package) costs some twenty times as much, and only an issue needs a position. The fast parse is used
// only where it gives exactly what the positioned one would: plain YAML 1.2 core scalars, no anchors, aliases, tags,
// directives or complex keys, no duplicate key and no syntax error. Anything else returns undefined and goes the
// positioned way, which reports it located.
import jsYaml from 'js-yaml';

/** YAML 1.2 core integers only: js-yaml's own type also takes 0b101 and signed hex, which YAML 1.2 reads as strings. */
const CORE_INT = new jsYaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
  construct: (text: string) => (text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : Number(text)),
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
});

/** YAML 1.2 core floats only (js-yaml's own type also takes underscores). */
const CORE_FLOAT = new jsYaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/.test(text),
  construct: (text: string) => {
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
    return Number(text);
  },
  predicate: (value: unknown) => typeof value === 'number',
});

const CORE_NULL = new jsYaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:~|null|Null|NULL|)$/.test(text),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

const CORE_BOOL = new jsYaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => /^(?:true|True|TRUE|false|False|FALSE)$/.test(text),
  construct: (text: string) => text.toLowerCase() === 'true',
  predicate: (value: unknown) => typeof value === 'boolean',
});

const CORE_SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({ implicit: [CORE_NULL, CORE_BOOL, CORE_INT, CORE_FLOAT] });

/**
 * What the positioned parse must handle: an anchor (&), alias (*) or tag (!) where a node starts, a merge key (<<), a
 * directive (%), an explicit key (?), a key that is null (js-yaml names it "null", the positioned parse "") or a
 * collection (each writes it out its own way). Checked on the raw text, so a quoted "- &" also sends the plan the slow
 * way: correct, only slower. A node starts only at a line's start (after its indentation), after a block or flow
 * indicator (`-`, `:`, `[`, `{`, `,`), after `---`, or after an explicit key's `? ` at one of those: an `&`, `*` or `!`
 * anywhere else is text of a scalar (the stars and question mark of a cron expression), which both parses read alike.
 */
const NEEDS_POSITIONED_PARSE =
  /(?:^|[-:[{,]|---)[ \t]*(?:\?[ \t]+)?[&*!]|<<|^\s*[%?]|^[ \t-]*(?:~|null|Null|NULL)?[ \t]*:(?:[ \t]|$)|[{,][ \t]*(?:~|null|Null|NULL)[ \t]*:|^[ \t]*(?:-[ \t]+)?[[{].*[\]}][ \t]*:(?:[ \t]|$)|[{,][ \t]*[[{][^\]}]*[\]}][ \t]*:/m;

/** The plan file's data, or undefined when the positioned parse must read it (see above). Never throws. */
export function fastPlanData(text: string): unknown {
  if (NEEDS_POSITIONED_PARSE.test(text)) return undefined;
  try {
    // json: false (the default) makes a duplicate key an error, as the positioned parse's uniqueKeys does.
    return jsYaml.load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
}
