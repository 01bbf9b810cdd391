// The admin's entry: Sveltia CMS, always in Persian (and so right-to-left), whatever the browser's
// language. Sveltia reads the language preference from local storage before it starts; `locale`
// in config.yml alone is ignored, so the preference is set here, before CMS.init().
import CMS from '@sveltia/cms';

const PREFS_KEY = 'sveltia-cms.prefs';

function preferPersian() {
  try {
    const prefs = JSON.parse(localStorage.getItem(PREFS_KEY) || '{}') || {};
    if (prefs.locale !== 'fa') {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ ...prefs, locale: 'fa' }));
    }
  } catch {
    // Storage blocked (private mode with cookies off): the CMS then follows the browser's language.
  }
}

preferPersian();
CMS.init();
