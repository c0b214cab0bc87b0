/**
 * The strings of the shell's menu added with the role homes. They are read straight from this
 * table in the current language: the shell is imported before i18next is initialized, so they
 * cannot be added to its bundles at import time.
 */
import { useTranslation } from 'react-i18next';

const strings = {
  dashboard: ['Bảng điều khiển', 'Dashboard'],
  sessions: ['Hội nghị học tập', 'Study sessions'],
  coverage: ['Kết quả học tập', 'Study results'],
  reflections: ['Bài thu hoạch', 'Reflections'],
  myStudy: ['Học tập của tôi', 'My study'],
  openMenu: ['Mở menu', 'Open the menu'],
  noDashboard: ['Chưa có nghị quyết nào đã ban hành để theo dõi.', 'No adopted resolution to follow yet.'],
} as const;

export type NavKey = keyof typeof strings;

/** `n('dashboard')` in the user's language. */
export function useNavT() {
  const { i18n } = useTranslation();
  const i = i18n.language === 'en' ? 1 : 0;
  return (key: NavKey) => strings[key][i];
}
