// The data center's 5-field cron (minute hour day-of-month month day-of-week), in two dialects:
// - 'vixie': cron on a host (Vixie cron and its descendants, cronie): numbers or 3-letter names (case-insensitive),
//   day-of-week 0-7 with 0 and 7 both Sunday, `*`, lists, ranges, steps after a range or '*'; @hourly @daily
//   @midnight @weekly @monthly @yearly @annually. When both day fields are restricted (neither starts with '*'), a
//   day matches if EITHER does (crontab(5)); else both must.
// - 'jenkins': a job's "Build periodically" spec (hudson.scheduler.CrontabParser): numbers only, day-of-week 0-7, `H`,
//   `H(a-b)`, `H/n`, `H(a-b)/n` drawn from the job's full name (jenkins-hash.ts), the @-aliases hashed as Jenkins does
//   (@daily = H H * * *, @midnight = H H(0-2) * * *, @weekly = H H * * H, @monthly = H H H * *, @yearly = H H H H *,
//   @hourly = H * * * *), several lines (any of them fires), '#' comment lines. A day matches only if BOTH day fields
//   do (CronTab.check), unlike Vixie. `H` in day-of-month draws from 1-28 and in day-of-week from 0-6, as Jenkins does.
import { DAY_NAMES, flags, listItems, MONTH_NAMES, sortedValues, splitFields, standardItem, stepValue, fieldValue, type FieldDef } from './cron-fields';
import { jenkinsHash, type JenkinsHash } from './jenkins-hash';
import { ExpressionError, located, type CronSchedule, type CronTable, type ParseResult } from './schedule';

export type DcDialect = 'vixie' | 'jenkins';

export interface DcCronOptions {
  readonly dialect: DcDialect;
  /** Jenkins: the job's full name (folder/job), which seeds `H`. Required when the spec hashes. */
  readonly jobFullName?: string;
}

const vixieField = (label: string, min: number, max: number, names?: Record<string, number>, nameWord?: string): FieldDef =>
  names ? { label, min, max, names, nameWord } : { label, min, max };

const DAY_OF_WEEK_NAMES = Object.fromEntries(DAY_NAMES.map((name, i) => [name, i]));
const VIXIE_FIELDS: readonly FieldDef[] = [
  vixieField('minute', 0, 59),
  vixieField('hour', 0, 23),
  vixieField('day-of-month', 1, 31),
  vixieField('month', 1, 12, MONTH_NAMES, 'a month name (JAN-DEC)'),
  vixieField('day-of-week', 0, 7, DAY_OF_WEEK_NAMES, 'a day name (SUN-SAT)'),
];
const JENKINS_FIELDS: readonly FieldDef[] = VIXIE_FIELDS.map(({ label, min, max }) => ({ label, min, max }));
/** Jenkins' bounds for a bare `H` (BaseParser.doHash): day-of-month 1-28, day-of-week 0-6. */
const HASH_UPPER = [59, 23, 28, 12, 6];

const VIXIE_ALIASES: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};
const JENKINS_ALIASES: Record<string, string> = {
  '@hourly': 'H * * * *',
  '@daily': 'H H * * *',
  '@midnight': 'H H(0-2) * * *',
  '@weekly': 'H H * * H',
  '@monthly': 'H H H * *',
  '@yearly': 'H H H H *',
  '@annually': 'H H H H *',
};

/** Parses a data-center cron spec; never throws. */
export function parseDcCron(text: string, options: DcCronOptions): ParseResult<CronSchedule> {
  return located<CronSchedule>(text, () => {
    const state = { hash: undefined as JenkinsHash | undefined, hashed: false, options };
    const tables: CronTable[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const at = offset;
      offset += line.length + 1;
      const trimmed = line.trim();
      if (options.dialect === 'jenkins' && (trimmed === '' || trimmed.startsWith('#'))) continue;
      if (options.dialect === 'vixie' && tables.length > 0 && trimmed !== '') throw new ExpressionError('a cron entry is one line: expected 5 fields', at);
      if (options.dialect === 'jenkins' && trimmed.startsWith('TZ='))
        throw new ExpressionError("a TZ= line is not read here: give the job's time zone as its timeZone", at + line.indexOf('TZ='));
      if (trimmed === '' && options.dialect === 'vixie') continue;
      tables.push(parseLine(line, at, state));
    }
    if (tables.length === 0) throw new ExpressionError('expected a cron spec: minute hour day-of-month month day-of-week, e.g. 0 2 * * *', 0);
    return { kind: 'cron', dialect: options.dialect, tables, hashed: state.hashed };
  });
}

interface ParseState {
  hash: JenkinsHash | undefined;
  hashed: boolean;
  readonly options: DcCronOptions;
}

function parseLine(line: string, at: number, state: ParseState): CronTable {
  const jenkins = state.options.dialect === 'jenkins';
  const fields = splitFields(line, at);
  const first = fields[0];
  if (first?.text.startsWith('@')) {
    const aliases = jenkins ? JENKINS_ALIASES : VIXIE_ALIASES;
    const spec = aliases[first.text];
    if (first.text === '@reboot') throw new ExpressionError('@reboot runs at boot, not on a schedule: it has no slots to compare', first.at);
    if (!spec) throw new ExpressionError(`'${first.text}' is not a cron alias (${Object.keys(aliases).join(', ')})`, first.at);
    if (fields.length > 1) throw new ExpressionError(`${first.text} stands alone on its line`, fields[1]!.at);
    // The alias's fields are not in the text: errors cannot come from them, and `at` points at the alias.
    const table = tableOf(
      splitFields(spec, first.at).map((field) => ({ ...field, at: first.at })),
      state,
    );
    return jenkins ? table : { ...table, fixedTime: first.text !== '@hourly' };
  }
  if (fields.length !== 5) {
    const where = fields.length > 5 ? fields[5]!.at : at + line.length;
    throw new ExpressionError(`a cron spec has 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`, where);
  }
  return tableOf(fields, state);
}

type F = { text: string; at: number };

function tableOf(fields: readonly F[], state: ParseState): CronTable {
  const jenkins = state.options.dialect === 'jenkins';
  const defs = jenkins ? JENKINS_FIELDS : VIXIE_FIELDS;
  const values = fields.map((field, index) => fieldValues(field, index, defs[index]!, state));
  const [minute, hour, dom, month, dow] = values as [number[], number[], number[], number[], number[]];
  const domStar = fields[2]!.text.startsWith('*');
  const dowStar = fields[4]!.text.startsWith('*');
  const days = flags(
    dow.map((day) => day % 7),
    6,
  );
  return {
    minutes: sortedValues(minute),
    hours: sortedValues(hour),
    months: flags(month, 12),
    years: null,
    dayOfMonth: { kind: 'set', days: flags(dom, 31) },
    dayOfWeek: { kind: 'set', days },
    combine: jenkins || domStar || dowStar ? 'and' : 'or',
    fixedTime: !jenkins && !fields[0]!.text.startsWith('*') && !fields[1]!.text.startsWith('*'),
  };
}

function fieldValues(field: F, index: number, def: FieldDef, state: ParseState): number[] {
  const jenkins = state.options.dialect === 'jenkins';
  return listItems(field.text, field.at, def).flatMap((item) => {
    if (item.text.startsWith('H')) {
      if (!jenkins) throw new ExpressionError("'H' is Jenkins' hash; host cron does not know it", item.at);
      return hashItem(item, index, def, state);
    }
    if (jenkins && /[A-Za-z]/.test(item.text)) {
      const letter = /[A-Za-z]+/.exec(item.text)!;
      throw new ExpressionError(
        `'${letter[0]}': Jenkins cron takes numbers and H only (the ${def.label} field is ${def.min}-${def.max})`,
        item.at + letter.index,
      );
    }
    if (item.text.includes('?') || item.text.includes('#') || /^L|\dL|W$/.test(item.text))
      throw new ExpressionError(`'${item.text}' is EventBridge or Quartz syntax; 5-field cron has no ? L W #`, item.at);
    return standardItem(item.text, item.at, def, { stepFromValue: false });
  });
}

/** `H`, `H/n`, `H(a-b)`, `H(a-b)/n`, drawn as BaseParser.doHash draws them. */
function hashItem(item: F, index: number, def: FieldDef, state: ParseState): number[] {
  const match = /^H(?:\((\d+)-(\d+)\))?(?:\/(.*))?$/.exec(item.text);
  if (!match) throw new ExpressionError(`'${item.text}' is not a hash: expected H, H/n, H(a-b) or H(a-b)/n`, item.at);
  state.hashed = true;
  const [, low, high, stepText] = match;
  let from = def.min;
  let to = HASH_UPPER[index]!;
  if (low !== undefined && high !== undefined) {
    from = fieldValue(low, item.at + 2, def);
    to = fieldValue(high, item.at + 3 + low.length, def);
    if (from > to) throw new ExpressionError(`the range ${low}-${high} ends before it starts`, item.at + 2);
  }
  const step = stepText === undefined ? 1 : stepValue(stepText, item.at + item.text.indexOf('/') + 1, def);
  if (step > to - from + 1) throw new ExpressionError(`step ${step} is larger than the hashed range ${from}-${to}`, item.at + item.text.indexOf('/') + 1);
  if (state.options.jobFullName === undefined) throw new ExpressionError("'H' needs the job's full name, which seeds Jenkins' hash", item.at);
  state.hash ??= jenkinsHash(state.options.jobFullName);
  if (step === 1) return [from + state.hash.next(to - from + 1)];
  const values: number[] = [];
  for (let value = state.hash.next(step) + from; value <= to; value += step) values.push(value);
  return values;
}
