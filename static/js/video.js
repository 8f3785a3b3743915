/*
 * Salon — stand videos that load only when asked for (static/js/video.js).
 *
 * Plain ES2017, no build step, loaded with `defer` on the stand page. Nothing from a video host is
 * requested until the visitor clicks "Lire la vidéo": the page only holds, per video, a container
 *
 *   <div data-video data-embed-url="https://www.youtube-nocookie.com/embed/…" data-frame-title="Vidéo : …" hidden>
 *     <button type="button" data-video-play>Lire la vidéo (YouTube)</button>
 *   </div>
 *
 * built by the server from the provider's privacy-friendly player address (stands/videos.py). This
 * script shows these containers (without JavaScript the page offers a plain link to the video instead) and,
 * on a click, replaces the button with the player's iframe and moves the focus into it. The CSP's
 * frame-src (server/middleware.py) only allows the players named in stands.videos.FRAME_SOURCES.
 */
(function () {
  "use strict";

  var ALLOW = "autoplay; fullscreen; picture-in-picture";

  function playerUrl(raw) {
    var url;
    try {
      url = new URL(raw);
    } catch (e) {
      return null;
    }
    if (url.protocol !== "https:") {
      return null;
    }
    url.searchParams.set("autoplay", "1"); // the visitor has just asked for it
    return url.toString();
  }

  function load(container, button) {
    var src = playerUrl(container.getAttribute("data-embed-url") || "");
    if (!src) {
      return;
    }
    var frame = document.createElement("iframe");
    frame.className = "video-frame";
    frame.title = container.getAttribute("data-frame-title") || button.textContent;
    frame.setAttribute("allow", ALLOW);
    frame.setAttribute("allowfullscreen", "");
    // The site sends no referrer elsewhere; players need at least the origin to start.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.src = src;
    container.replaceChild(frame, button);
    container.classList.add("is-loaded");
    frame.focus();
  }

  function setUp(container) {
    var button = container.querySelector("[data-video-play]");
    if (!button || !container.getAttribute("data-embed-url")) {
      return;
    }
    container.hidden = false;
    button.addEventListener("click", function () {
      load(container, button);
    });
  }

  function start() {
    var containers = document.querySelectorAll("[data-video]");
    for (var i = 0; i < containers.length; i++) {
      setUp(containers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
