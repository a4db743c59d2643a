// Store actions of the session: what the core says about itself and where it acts (info, toolchain, environment),
// the journal's re-read, and the UI's own state (view, filters, selection, theme, dialogs, error banners).
import type { EventBatch } from '../../../../main/api/contract';
import type { CockpitActions } from '../cockpit-state';
import { NO_FILTERS } from '../filters';
import { replaceJournal } from '../journal';
import { applyTheme, storeTheme, type Theme } from '../theme';
import type { StoreContext } from './context';

const JOURNAL_READ_LIMIT = 2_000;

type SessionActions = Pick<
  CockpitActions,
  | 'refreshInfo'
  | 'refreshEnvironment'
  | 'refreshTeam'
  | 'teamLock'
  | 'requestApproval'
  | 'decideApproval'
  | 'refreshToolchain'
  | 'setView'
  | 'setJournalStackFilter'
  | 'setQuery'
  | 'toggleState'
  | 'setProject'
  | 'clearFilters'
  | 'selectStack'
  | 'toggleTheme'
  | 'setOpenDialogVisible'
  | 'reportError'
  | 'dismissError'
>;

export function sessionActions(
  { api, get, set, pushError, setBusy, arrivals }: StoreContext,
  theme: { chosen(): void },
): SessionActions & { resyncJournal(): Promise<void>; eventsArrived(events: EventBatch['events']): void } {
  // environment.updated events applied so far: an environment.get answered after one may be older than it.
  let environmentEvents = 0;
  let teamEvents = 0;

  return {
    eventsArrived(events) {
      if (events.some((event) => event.type === 'environment.updated')) environmentEvents += 1;
      if (events.some((event) => event.type === 'team.updated')) teamEvents += 1;
    },

    async resyncJournal() {
      const { answer: result, arrived } = await arrivals.during(() => api.commands['journal.list']({ limit: JOURNAL_READ_LIMIT }));
      const entries = arrived.flatMap((event) => (event.type === 'journal.appended' ? [event.entry] : []));
      if (result.ok) set({ journal: replaceJournal(result.value, entries) });
      else pushError(result.error);
    },

    async refreshInfo() {
      const result = await api.commands['core.info']({});
      if (result.ok) set({ info: result.value });
      else pushError(result.error);
    },

    async refreshEnvironment(check = false) {
      const eventsBefore = environmentEvents;
      if (check) setBusy('environment', true);
      const result = await api.commands['environment.get']({ refresh: check });
      if (check) setBusy('environment', false);
      // No banner for a failed read: the environment banner says it is unknown where it matters. An event that
      // arrived meanwhile may be newer than a plain read's answer; a check's answer is the newest.
      if (result.ok && (check || environmentEvents === eventsBefore)) set({ environment: result.value });
    },

    async refreshTeam() {
      const eventsBefore = teamEvents;
      const result = await api.commands['team.get']({});
      // An event that arrived meanwhile is newer than the answer; a failed read leaves the banner as it was.
      if (result.ok && teamEvents === eventsBefore) set({ team: result.value });
    },

    async teamLock(action, waveId) {
      const command = action === 'request' ? 'team.requestControl' : action === 'handOver' ? 'team.handOver' : 'team.release';
      const result = await api.commands[command]({ waveId });
      if (result.ok) set({ team: result.value });
      else pushError(result.error);
    },

    async requestApproval(waveId) {
      const result = await api.commands['team.requestApproval']({ waveId });
      if (result.ok) set({ team: result.value });
      else pushError(result.error);
    },

    async decideApproval(requestId, decision, reason) {
      const result = await api.commands['team.decide']({ requestId, decision, ...(reason ? { reason } : {}) });
      if (result.ok) {
        set({ team: result.value });
        return null;
      }
      return result.error.message;
    },

    async refreshToolchain() {
      const result = await api.commands['toolchain.info']({});
      if (result.ok) set({ toolchain: result.value });
      else pushError(result.error);
    },

    setView(view) {
      set({ view });
    },

    setJournalStackFilter(journalStackFilter) {
      set({ journalStackFilter });
    },

    setQuery(query) {
      set((state) => ({ filters: { ...state.filters, query } }));
    },

    toggleState(lifecycleState) {
      set((state) => {
        const states = state.filters.states.includes(lifecycleState)
          ? state.filters.states.filter((s) => s !== lifecycleState)
          : [...state.filters.states, lifecycleState];
        return { filters: { ...state.filters, states } };
      });
    },

    setProject(project) {
      set((state) => ({ filters: { ...state.filters, project } }));
    },

    clearFilters() {
      set({ filters: NO_FILTERS });
    },

    selectStack(selectedStackId) {
      set({ selectedStackId });
    },

    toggleTheme() {
      const next: Theme = get().theme === 'dark' ? 'light' : 'dark';
      theme.chosen();
      storeTheme(next);
      applyTheme(next);
      set({ theme: next });
    },

    setOpenDialogVisible(openDialogVisible) {
      set({ openDialogVisible });
    },

    reportError(message) {
      pushError(message);
    },

    dismissError(id) {
      set((state) => ({ errors: state.errors.filter((banner) => banner.id !== id) }));
    },
  };
}
