// The footer: the plan view's keyboard keys (only where they work: the plan's stack cards, not an invalid plan's
// errors or another tab) and the core's version.
import { useCockpit } from '../../store/context';

export function AppFooter() {
  const info = useCockpit((state) => state.info);
  const keysWork = useCockpit((state) => state.view === 'plan' && state.snapshot?.status === 'loaded');
  return (
    <footer className="app-footer">
      {keysWork ? (
        <span className="keyboard-hint" data-testid="keyboard-hint">
          Keyboard: / search · ↓ to the results · arrows move · Enter open · Esc close
        </span>
      ) : (
        <span />
      )}
      {info ? (
        <span className="core-info" title={`Data folder: ${info.dataDir}`}>
          core {info.version}
        </span>
      ) : null}
    </footer>
  );
}
