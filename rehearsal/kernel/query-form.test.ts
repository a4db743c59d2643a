// Reading awsQuery forms: nested members and 1-based `member` lists, values as the reader gives them, and every
// malformed key a MalformedQueryString naming it — never a prototype touched, never another error.
import { describe, expect, it } from 'vitest';
import { AwsError } from './errors';
import { MAX_QUERY_LIST_INDEX, unflattenForm } from './query-form';

const read = (body: string) => unflattenForm(new URLSearchParams(body));

describe('unflattenForm', () => {
  it('reads structures and lists (compacted, in index order), leaving out Action and Version', () => {
    expect(
      read(
        'Action=X&Version=1&Name=a&Targets.member.2.Id=t2&Targets.member.1.Id=t1&Targets.member.1.Port=80&DefaultActions.member.1.ForwardConfig.TargetGroups.member.1.Weight=5&Names.member.3=c&Names.member.1=a',
      ),
    ).toEqual({
      Name: 'a',
      Targets: [{ Id: 't1', Port: '80' }, { Id: 't2' }],
      DefaultActions: [{ ForwardConfig: { TargetGroups: [{ Weight: '5' }] } }],
      Names: ['a', 'c'],
    });
    expect(unflattenForm(new URLSearchParams('Period=60&Dimensions.member.1.Name=x'), (member, text) => (member === 'Period' ? Number(text) : text))).toEqual({
      Period: 60,
      Dimensions: [{ Name: 'x' }],
    });
  });

  it('refuses malformed keys with MalformedQueryString and touches no prototype', () => {
    for (const body of [
      'A=1&A.B=2',
      'A.B=2&A=1',
      'A=1&A=2',
      'A.member.1=x&A.B=y',
      'member.1=x',
      'A.member=x',
      'A.member.0=x',
      'A.member.x=y',
      `A.member.${MAX_QUERY_LIST_INDEX + 1}=x`,
      '__proto__.polluted=1',
      'A..B=1',
      'A.1=x',
    ]) {
      let caught: unknown;
      try {
        read(body);
      } catch (error) {
        caught = error;
      }
      expect(caught, body).toBeInstanceOf(AwsError);
      expect((caught as AwsError).code).toBe('MalformedQueryString');
      expect((caught as AwsError).message).toContain("The query parameter '");
    }
    const own = read('constructor.prototype.polluted=1&hasOwnProperty=x');
    expect(Object.keys(own)).toEqual(['constructor', 'hasOwnProperty']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty).toBeTypeOf('function');
  });
});
