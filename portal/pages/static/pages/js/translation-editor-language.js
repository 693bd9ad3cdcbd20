// wagtail-localize's translation editor (1.14) writes two things in English whatever the admin's
// language, in its React code rather than through gettext: the heading of the strings
// ("Français to Nederlands translation") and the screen-reader label of its footer menus
// ("More actions"). This puts their translations in place each time the editor draws them.
// They come from wagtail-localize's JavaScript catalogue, which also reads
// settings.LOCALE_PATHS: portal/pages/admin_locale/<language>/LC_MESSAGES/djangojs.po
// (scripts/check_admin_catalogues.py checks that every language has them).
(() => {
  const start = () => {
    const editor = document.querySelector(".js-translation-editor");
    if (!editor || !editor.dataset.props || typeof window.gettext !== "function") return;
    const props = JSON.parse(editor.dataset.props);
    const source = props.sourceLocale.displayName;
    const target = props.locale.displayName;
    // The English text wagtail-localize writes, and what to write instead.
    const translations = new Map([
      [
        `${source} to ${target} translation`,
        interpolate(gettext("%(source)s to %(target)s translation"), { source, target }, true),
      ],
      ["More actions", gettext("More actions")],
    ]);

    const translate = () => {
      editor.querySelectorAll("h3, .w-sr-only").forEach((element) => {
        element.childNodes.forEach((node) => {
          // The text node itself, which React keeps and may write again.
          const text = node.nodeType === Node.TEXT_NODE && translations.get(node.nodeValue);
          if (text && text !== node.nodeValue) node.nodeValue = text;
        });
      });
    };
    translate();
    new MutationObserver(translate).observe(editor, { childList: true, subtree: true, characterData: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
