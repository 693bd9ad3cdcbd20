// The moderation workflow in wagtail-localize's translation editor (portal/pages/translation_workflow.py).
// Loaded before the editor's script, so that its DOMContentLoaded listener runs first:
// - it takes "Convert to alias page" out of what the editor draws for those who may not publish
//   (converting puts the source's text on the live page; the server refuses it to them);
// - it draws the strings read-only for those who may not change them now (strings_lock);
// - once the editor has drawn its footer (and whenever it draws it anew), it puts the workflow
//   actions drawn by the server there: the main one first, the others in the "more actions" menu.
(() => {
  const start = () => {
    const actions = document.querySelector("[data-portal-translation-workflow]");
    const editor = document.querySelector(".js-translation-editor");
    if (!actions || !editor) return;

    if (editor.dataset.props) {
      const props = JSON.parse(editor.dataset.props);
      if (actions.hasAttribute("data-no-convert-to-alias") && props.links) props.links.convertToAliasUrl = null;
      // Submitted and awaiting review: the strings are shown, not offered for editing (the
      // server refuses changes anyway).
      if (actions.hasAttribute("data-strings-locked") && props.object) props.object.isLocked = true;
      editor.dataset.props = JSON.stringify(props);
    }

    const group = actions.querySelector(".w-dropdown-button");
    const secondary = Array.from(actions.querySelectorAll("[data-portal-secondary]"));
    const place = () => {
      const nav = editor.querySelector("footer nav.actions");
      if (!nav) return;
      if (group && !nav.contains(group)) nav.prepend(group);
      const more = nav.querySelector('[data-w-dropdown-target="content"]');
      secondary.forEach((button) => {
        if (more && !more.contains(button)) more.append(button);
      });
    };
    place();
    new MutationObserver(place).observe(editor, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
