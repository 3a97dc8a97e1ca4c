// Click-to-load videos (templates/includes/video.html). The page holds a
// still from this site and a link to the host's privacy-enhanced player;
// the player is loaded, in the link's place, only when the visitor presses
// play. Without this script the link opens the player instead, so every
// page works without JavaScript.
(() => {
  "use strict";

  const play = (event) => {
    // A new tab or window was asked for: the link does that by itself.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    const link = event.currentTarget;
    const src = new URL(link.href);
    // Pressing play was the visitor's request: start at once.
    src.searchParams.set("autoplay", "1");
    const frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = link.dataset.videoTitle;
    frame.className = "video";
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    // Focus would fall back to the top of the page: keep it where the
    // visitor was, so the player's controls are the next stop.
    frame.focus();
  };

  for (const link of document.querySelectorAll("a[data-video-play]")) {
    // Each video includes this script; one listener per link is enough.
    if (!link.dataset.videoReady) {
      link.dataset.videoReady = "true";
      link.addEventListener("click", play);
    }
  }
})();
