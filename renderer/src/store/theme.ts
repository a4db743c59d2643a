// Theme: dark or light. The default follows the OS (prefers-color-scheme) until the operator picks one,
// which is remembered in localStorage and applied as data-theme on <html>.
export type Theme = 'dark' | 'light';

const STORAGE_KEY = 'mc-theme';
const LIGHT_QUERY = '(prefers-color-scheme: light)';

export function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null;
  }
}

export function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(LIGHT_QUERY).matches ? 'light' : 'dark';
}

export function storeTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage unavailable (private mode, disabled): the choice lasts for this session only.
  }
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

/** Calls back when the OS theme changes; returns a function that stops listening. */
export function onSystemThemeChange(listener: (theme: Theme) => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(LIGHT_QUERY);
  const handler = () => listener(query.matches ? 'light' : 'dark');
  query.addEventListener('change', handler);
  return () => query.removeEventListener('change', handler);
}
