import { type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../lib/api';
import { useLocale } from './locale';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not heal by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

export const theme = {
  token: {
    colorPrimary: '#b71c1c',
    colorLink: '#b71c1c',
    borderRadius: 6,
    fontFamily: "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
    // Ant Design's greys for secondary text (3,4:1) and placeholders (1,8:1) fail WCAG AA;
    // these reach 7:1 and 5,7:1 on white.
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6e6e6e',
    // Empty lists and disabled text (2,5:1 by default) and the red of danger buttons and errors
    // (#ff4d4f, 3,9:1) also fail on white; these reach 5,1:1 and 5,9:1.
    colorTextQuaternary: '#6e6e6e',
    colorTextDisabled: '#6e6e6e',
    colorError: '#cf1322',
    // Green of done states (100% bars, success text; #52c41a is 2,3:1): 5,6:1 on white.
    colorSuccess: '#237804',
  },
  components: {
    Layout: { siderBg: '#3b0a0a', triggerBg: '#2a0606', headerBg: '#ffffff' },
    Menu: { darkItemBg: '#3b0a0a', darkSubMenuItemBg: '#2a0606', darkItemSelectedBg: '#b71c1c' },
  },
};

export function Providers({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
