// Always Persian (and so right-to-left), whatever the browser's language. Sveltia CMS reads the
// language preference from local storage while its module is evaluated, before CMS.init() runs,
// so this module is imported first (main.js); a `locale` in config.yml is not read by Sveltia.
const PREFS_KEY = 'sveltia-cms.prefs';

try {
  const prefs = JSON.parse(localStorage.getItem(PREFS_KEY) || '{}') || {};
  if (prefs.locale !== 'fa') {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ ...prefs, locale: 'fa' }));
  }
} catch {
  // Storage blocked (cookies off): the CMS then follows the browser's language.
}
