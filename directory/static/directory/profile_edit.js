// The profile editor: the choices of how the profession is written show the words of the
// profession chosen, in every language ("Feminine form (Illustratrice / Illustratorin /
// Illustrator)"). Without this file they show those of the saved profession.
(function () {
  "use strict";
  var profession = document.getElementById("id_profession");
  var forms = document.querySelectorAll("input[name=profession_form]");
  if (!profession || !forms.length) return;

  function show() {
    var option = profession.options[profession.selectedIndex];
    forms.forEach(function (input) {
      var label = input.closest("label");
      var base = input.dataset.baseLabel;
      if (!label || !base) return;
      var words = option && option.dataset ? option.dataset[input.value] : "";
      var text = words ? base + " (" + words + ")" : base;
      // The label holds the input then its text: replace the text only.
      var node = label.lastChild;
      if (node && node.nodeType === Node.TEXT_NODE) node.textContent = " " + text;
      else label.appendChild(document.createTextNode(" " + text));
    });
  }

  profession.addEventListener("change", show);
  show();
})();
