// The account and region on a stack card and in a wave's list: name, id and region in words, a production account
// marked with the word (never colour alone), and nothing at all for a plan without accounts.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { placementOf, placementsOf } from '../../lib/accounts';
import { createCockpitStore } from '../../store/cockpit-store';
import { CockpitStoreProvider } from '../../store/context';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { acrossAccounts, ACCOUNTS, demoLike } from '../../store/test-fixtures';
import { CardFocusProvider } from '../plan/card-focus';
import { StackCard } from '../plan/StackCard';
import { PlacementList, PlacementTag } from './Placement';

withBrowserGlobals();

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function renderCard(stack: ReturnType<typeof demoLike>['plan']['stacks'][number]): string {
  const store = createCockpitStore(fakeApi({}).api, []);
  const card = createElement(StackCard, {
    stack,
    status: undefined,
    registries: [],
    tabbable: false,
    selected: false,
    onOpen: () => undefined,
    onKey: () => undefined,
    onFocusCard: () => undefined,
  });
  const tree: ReactElement = createElement(CockpitStoreProvider, { store, children: createElement(CardFocusProvider, { children: card }) });
  return renderToStaticMarkup(tree);
}

describe('a placement', () => {
  const { plan } = acrossAccounts();
  const [network, app1] = plan.stacks;

  it('says a production account, its id and region, and the word production, with the unit in the title', () => {
    const html = renderToStaticMarkup(createElement(PlacementTag, { placement: placementOf(app1!)!, accounts: ACCOUNTS }));
    expect(text(html)).toBe('workloads-prod (222222222222) · eu-central-1 production');
    expect(html).toContain('data-production="true"');
    expect(html).toContain('title="Account workloads-prod (222222222222), production, organizational unit Workloads/Production; region eu-central-1"');
  });

  it('marks nothing on a non-production account', () => {
    const html = renderToStaticMarkup(createElement(PlacementTag, { placement: placementOf(network!)!, accounts: ACCOUNTS, short: true }));
    expect(text(html)).toBe('network · eu-central-1');
    expect(html).not.toContain('data-production');
    expect(html).not.toContain('production');
  });

  it('lists a wave’s placements each once, and nothing without accounts', () => {
    const html = renderToStaticMarkup(
      createElement(PlacementList, { placements: placementsOf(plan.stacks), accounts: ACCOUNTS, label: 'Accounts of the plan' }),
    );
    expect(html.match(/role="listitem"/g)).toHaveLength(4);
    expect(text(html)).toBe(
      'network (111111111111) · eu-central-1 workloads-prod (222222222222) · eu-central-1 production ' +
        'workloads-prod (222222222222) · eu-west-1 production workloads-test (033333333333) · eu-west-1',
    );
    expect(renderToStaticMarkup(createElement(PlacementList, { placements: [], accounts: ACCOUNTS, label: 'none' }))).toBe('');
  });

  it('shows on the stack card under its project, and a card of a plan without accounts is as before', () => {
    expect(text(renderCard(app1!))).toContain('apps workloads-prod (222222222222) · eu-central-1 production Payments ledger');
    const plain = renderCard(demoLike().plan.stacks[1]!);
    expect(plain).not.toContain('data-testid="placement"');
    expect(text(plain)).toContain('apps Payments ledger');
  });
});
