// The admin's periodic task form (django-celery-beat): show, under the crontab field, the
// schedule of the chosen crontab in words. Replaces the package's inline script, which the
// Content Security Policy blocks. Text is inserted as text, never as HTML.
"use strict";
(function () {
  const data = document.getElementById("readable-crontabs");
  const select = document.getElementById("id_crontab");
  if (!data || !select) {
    return;
  }
  const readable = JSON.parse(data.textContent);
  const help = document.querySelector(".field-crontab .help");
  const translationRow = document.querySelector(".field-crontab_translation");
  if (translationRow) {
    translationRow.hidden = true;
  }
  if (!help) {
    return;
  }
  const reading = document.createElement("div");
  help.appendChild(reading);
  const update = function () {
    const text = readable[select.value];
    reading.textContent = text ? "Translation: " + text : "";
  };
  select.addEventListener("change", update);
  update();
})();
