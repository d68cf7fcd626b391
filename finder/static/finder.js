// Progressive enhancement only: every page works without this file.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Screen readers announce a polite live region only when its text changes after loading.
  var live = document.getElementById("live-count");
  if (live && live.dataset.message) {
    window.setTimeout(function () {
      live.textContent = live.dataset.message;
    }, 300);
  }

  // Browsers can always print from their menu; the button is a shortcut when script runs.
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
