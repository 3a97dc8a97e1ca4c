// The calorie planner updates as you type (templates/portal/calorie_planner.html).
// The page is a GET form that works without this script. Once a result is
// shown, changing an answer fetches the same address the button would and
// swaps the new result in, so the sums are never worked out twice in two
// languages. Only an existing result is updated: one appearing above the
// box being typed in would push it down the screen. Errors wait for the
// button (a half-typed number is not a mistake yet); meanwhile the old
// result is marked as out of date. The answers go only where the form
// sends them anyway.
(() => {
  "use strict";

  const form = document.getElementById("planner-form");
  const live = document.getElementById("planner-live");
  const status = document.getElementById("planner-status");
  if (!form || !live || !status || !window.fetch || !window.DOMParser) {
    return;
  }
  let timer = 0;
  let latest = 0;

  const address = () => {
    const params = new URLSearchParams(new FormData(form));
    return `${form.action}?${params}`;
  };

  const update = async () => {
    const url = address();
    const asked = ++latest;
    let response;
    try {
      response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
    } catch {
      return; // Offline: the button still works when the connection is back.
    }
    if (asked !== latest) {
      return; // A newer answer is on its way.
    }
    if (!response.ok) {
      live.dataset.stale = "true";
      status.textContent = "The result is out of date until your answers are complete.";
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("planner-live");
    if (!fresh) {
      return;
    }
    live.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    delete live.dataset.stale;
    // The address holds the answers, as after pressing the button, so a
    // bookmark keeps them.
    history.replaceState(null, "", url);
    const target = live.querySelector('[data-role="target"]');
    status.textContent = target ? `Daily target updated: ${target.textContent} kcal.` : "Result updated.";
  };

  form.addEventListener("input", () => {
    if (!live.firstElementChild) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 600);
  });
})();
