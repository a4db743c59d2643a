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
import { PlacementList, PlacementTag, PlacementTagView } from './Placement';

withBrowserGlobals();

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Renders inside a store: a tag reads the environment's account status from it. */
function inStore(element: ReactElement): string {
  const store = createCockpitStore(fakeApi({}).api, []);
  return renderToStaticMarkup(createElement(CockpitStoreProvider, { store, children: element }));
}

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
    const html = inStore(createElement(PlacementTag, { placement: placementOf(app1!)!, accounts: ACCOUNTS }));
    expect(text(html)).toBe('workloads-prod (222222222222) · eu-central-1 production');
    expect(html).toContain('data-production="true"');
    expect(html).toContain('title="Account workloads-prod (222222222222), production, organizational unit Workloads/Production; region eu-central-1"');
  });

  it('marks nothing on a non-production account', () => {
    const html = inStore(createElement(PlacementTag, { placement: placementOf(network!)!, accounts: ACCOUNTS, short: true }));
    expect(text(html)).toBe('network · eu-central-1');
    expect(html).not.toContain('data-production');
    expect(html).not.toContain('production');
  });

  it('lists a wave’s placements each once, and nothing without accounts', () => {
    const html = inStore(createElement(PlacementList, { placements: placementsOf(plan.stacks), accounts: ACCOUNTS, label: 'Accounts of the plan' }));
    expect(html.match(/role="listitem"/g)).toHaveLength(4);
    expect(text(html)).toBe(
      'network (111111111111) · eu-central-1 workloads-prod (222222222222) · eu-central-1 production ' +
        'workloads-prod (222222222222) · eu-west-1 production workloads-test (033333333333) · eu-west-1',
    );
    expect(renderToStaticMarkup(createElement(PlacementList, { placements: [], accounts: ACCOUNTS, label: 'none' }))).toBe('');
  });

  it('says an account the banner calls unusable is unusable wherever it shows, with the reason on hover', () => {
    const refused = 'the replication monitor cannot read account network (111111111111) in eu-central-1: AccessDeniedException';
    const html = renderToStaticMarkup(createElement(PlacementTagView, { placement: placementOf(network!)!, accounts: ACCOUNTS, problem: refused }));
    expect(text(html)).toBe('network (111111111111) · eu-central-1 unusable');
    expect(html).toContain('data-unusable="true"');
    expect(html).toContain(`Unusable now: ${refused}`);
    const usable = renderToStaticMarkup(createElement(PlacementTagView, { placement: placementOf(network!)!, accounts: ACCOUNTS, problem: null }));
    expect(usable).not.toContain('unusable');
  });

  it('shows on the stack card under its project, and a card of a plan without accounts is as before', () => {
    expect(text(renderCard(app1!))).toContain('apps workloads-prod (222222222222) · eu-central-1 production Payments ledger');
    const plain = renderCard(demoLike().plan.stacks[1]!);
    expect(plain).not.toContain('data-testid="placement"');
    expect(text(plain)).toContain('apps Payments ledger');
  });
});
