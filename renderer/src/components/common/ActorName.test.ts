import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AWS_ACTOR } from '../../store/cutover-fixtures';
import { ActorName } from './ActorName';

const render = (name: string, actor: Parameters<typeof ActorName>[0]['actor']) =>
  renderToStaticMarkup(createElement(ActorName, { name, actor, testId: 'who' }));

describe('ActorName', () => {
  it('shows the typed name with the OS user and the AWS caller beside it, the whole ARN in the tooltip', () => {
    const html = render('Dana Ops', AWS_ACTOR);
    expect(html).toContain('data-testid="who"');
    expect(html).toContain('title="Recorded in the journal as ops1@ws-17 as arn:aws:sts::111122223333:assumed-role/MigrationOperator/dana"');
    expect(html.replace(/<[^>]+>/g, '')).toBe('Dana Ops (OS user ops1@ws-17 · AWS assumed-role/MigrationOperator/dana @ 111122223333)');
  });

  it('shows the typed name alone when no actor is known', () => {
    const html = render('Dana Ops', undefined);
    expect(html).not.toContain('title=');
    expect(html.replace(/<[^>]+>/g, '')).toBe('Dana Ops');
  });
});
