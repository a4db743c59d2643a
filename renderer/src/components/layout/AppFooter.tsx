import { useCockpit } from '../../store/context';

export function AppFooter() {
  const info = useCockpit((state) => state.info);
  return (
    <footer className="app-footer">
      <span className="keyboard-hint">Keyboard: / search · arrows move · Enter open · Esc close</span>
      {info ? (
        <span className="core-info" title={`Data folder: ${info.dataDir}`}>
          core {info.version}
        </span>
      ) : null}
    </footer>
  );
}
