// Print and share (templates/includes/print_share.html). Progressive
// enhancement: without this script the page's address is shown under
// "Share", ready to copy, and the browser prints as ever. Nothing here
// talks to another site.
(() => {
  "use strict";

  const box = document.querySelector("[data-role='print-share']");
  if (!box) {
    return;
  }
  const status = box.querySelector("[data-share-status]");
  const say = (words) => {
    status.textContent = words;
  };

  const print = box.querySelector("[data-print]");
  print.hidden = false;
  print.addEventListener("click", () => window.print());

  const share = box.querySelector("[data-share]");
  const field = box.querySelector("[data-share-url]");
  const url = field.value;

  // A phone's share sheet, where the browser has one: the visitor picks
  // the app; the page only hands over its title and address.
  if (navigator.share) {
    share.querySelector("summary").addEventListener("click", (event) => {
      event.preventDefault();
      navigator.share({ title: share.dataset.shareTitle, url }).catch(() => {
        // Cancelled, or refused: show the address to copy instead.
        share.open = true;
      });
    });
  }

  const copy = box.querySelector("[data-copy]");
  if (navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", () => {
      navigator.clipboard.writeText(url).then(
        () => say("Link copied."),
        () => {
          field.select();
          say("Press Ctrl+C, or Command+C, to copy the link.");
        },
      );
    });
  }
  // Selecting the whole address in one tap makes copying it by hand easy.
  field.addEventListener("focus", () => field.select());
})();
