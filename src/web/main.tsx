import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
import { initI18n, storedLocale } from './lib/i18n';
import { LocaleProvider } from './app/locale';
import { Providers } from './app/providers';
import { router } from './app/router';
import './styles.css';

initI18n(storedLocale());

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <LocaleProvider>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </LocaleProvider>
  </StrictMode>,
);
