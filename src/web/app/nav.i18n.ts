/**
 * The strings of the shell's menu added with the role homes, in their own bundle under `nav2.`
 * so that the shared i18n file is not rewritten.
 */
import { i18n } from '../lib/i18n';

const strings = {
  dashboard: ['Bảng điều khiển', 'Dashboard'],
  sessions: ['Hội nghị học tập', 'Study sessions'],
  coverage: ['Kết quả học tập', 'Study results'],
  reflections: ['Bài thu hoạch', 'Reflections'],
  myStudy: ['Học tập của tôi', 'My study'],
  openMenu: ['Mở menu', 'Open the menu'],
  noDashboard: ['Chưa có nghị quyết nào đã ban hành để theo dõi.', 'No adopted resolution to follow yet.'],
} as const;

const bundle = (i: 0 | 1) => ({ nav2: Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, v[i]])) });
i18n.addResourceBundle('vi', 'translation', bundle(0), true, false);
i18n.addResourceBundle('en', 'translation', bundle(1), true, false);

export type NavKey = keyof typeof strings;
