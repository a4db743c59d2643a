import { useActions, useCockpit } from '../../store/context';

export function ThemeToggle() {
  const theme = useCockpit((state) => state.theme);
  const { toggleTheme } = useActions();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="theme-toggle" aria-label="Toggle theme" title={`Switch to the ${next} theme`} onClick={toggleTheme}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="theme-toggle-label">{theme === 'dark' ? 'Dark' : 'Light'}</span>
    </button>
  );
}
