// The chosen language (kept in localStorage, so the chat page and the admin console agree) and the
// texts of a STRINGS table: {lang: {key: 'text with {params}'}}.
const LANG_KEY = 'ssechat.lang';

export function translator(strings, onChange) {
  let lang = pickLang();

  function pickLang() {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved in strings) return saved;
    for (const l of navigator.languages || [navigator.language]) {
      const base = String(l).slice(0, 2).toLowerCase();
      if (base in strings) return base;
    }
    return 'en';
  }

  function t(key, params = {}) {
    return strings[lang][key].replace(/\{(\w+)\}/g, (_, k) => String(params[k]));
  }

  // Static markup: data-i18n (text), data-i18n-ph (placeholder), data-i18n-label (aria-label and title).
  function translatePage(root = document) {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-ph]')) el.placeholder = t(el.dataset.i18nPh);
    for (const el of root.querySelectorAll('[data-i18n-label]')) {
      el.setAttribute('aria-label', t(el.dataset.i18nLabel));
      el.title = t(el.dataset.i18nLabel);
    }
  }

  function setLang(l) {
    lang = l;
    localStorage.setItem(LANG_KEY, l);
    onChange(l);
  }

  return { lang: () => lang, setLang, t, translatePage };
}
