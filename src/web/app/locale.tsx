import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { setApiLocale, type Locale } from '../lib/api';
import { i18n, LOCALE_STORAGE_KEY, storedLocale } from '../lib/i18n';
import type { Label } from '../../domain/orgs/org-kinds';

type LocaleContextValue = {
  locale: Locale;
  /** Switches the language and remembers it in this browser (the login gate tells the server). */
  setLocale: (next: Locale) => void;
  /** The label of a domain value in the current language. */
  label: (l: Label) => string;
};

const LocaleContext = createContext<LocaleContextValue | null>(null);

function applyLocale(next: Locale) {
  setApiLocale(next);
  dayjs.locale(next);
  document.documentElement.lang = next;
  void i18n.changeLanguage(next);
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    applyLocale(next);
    setState(next);
  }, []);

  const value = useMemo<LocaleContextValue>(() => ({ locale, setLocale, label: (l) => l[locale] }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleContextValue {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('useLocale outside LocaleProvider');
  return ctx;
}
