/* Names for the admin's autocomplete boxes (select2), which hide the real
   <select> its label points to: the box a screen reader reaches gets the
   label too, and the "clear all" mark is moved out of the list of choices
   (a list holds only its items). Re-applied when select2 redraws a box or
   an inline row is added. Progressive enhancement: without JavaScript the
   plain labelled <select> is used. */
(function () {
  "use strict";

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (!label) return null;
    if (!label.id) label.id = select.id + "-label";
    return label;
  }

  function name(select) {
    var box = select.nextElementSibling;
    var label = labelOf(select);
    if (!box || !box.classList.contains("select2") || !label) return;
    var text = label.textContent.replace(/:\s*$/, "").trim();
    box.querySelectorAll(".select2-selection").forEach(function (selection) {
      var by = (selection.getAttribute("aria-labelledby") || "").split(/\s+/);
      if (by.indexOf(label.id) === -1) {
        selection.setAttribute("aria-labelledby", [label.id].concat(by).join(" ").trim());
      }
      if (!selection.getAttribute("aria-labelledby")) selection.setAttribute("aria-label", text);
    });
    box.querySelectorAll('.select2-search__field, [role="textbox"]').forEach(function (field) {
      field.setAttribute("aria-label", text);
    });
    box.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(
      function (clear) {
        clear.setAttribute("aria-hidden", "true");
        clear.parentElement.parentElement.insertBefore(clear, clear.parentElement);
      }
    );
  }

  function nameAll() {
    document.querySelectorAll("select.admin-autocomplete").forEach(name);
  }
  // Named as soon as select2 draws a box (an observer runs before the page
  // counts as loaded), not a frame later. Only child lists are watched, and
  // naming a box changes attributes, so it does not wake the observer again.
  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
