// Focus the error summary so that screen-reader and keyboard users hear what went wrong first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-focus]");
  if (summary) { summary.focus(); }
});

// Timeline circles are SVG links: open a task's detail in the panel beside the timeline instead
// of a new page, and move focus to it. Without script the link opens the detail page.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-detail]") : null;
  var panel = document.getElementById("task-detail");
  if (!link || !panel || !window.htmx) { return; }
  event.preventDefault();
  window.htmx.ajax("GET", link.getAttribute("data-detail"), {target: panel, swap: "innerHTML"})
    .then(function () {
      var title = document.getElementById("task-detail-title");
      if (title) { title.focus(); }
    });
  var current = document.querySelector("a[data-detail][aria-current]");
  if (current) { current.removeAttribute("aria-current"); }
  link.setAttribute("aria-current", "true");
});

// SVG links do not all follow Enter by themselves; make Enter (and Space) open them.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Enter" && event.key !== " ") { return; }
  var link = event.target.closest ? event.target.closest("a[data-detail]") : null;
  if (!link) { return; }
  event.preventDefault();
  link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
});

// After an inline edit swapped in a form, put the cursor in its first field.
document.addEventListener("htmx:afterSwap", function (event) {
  var field = event.detail.target && event.detail.target.querySelector
    ? event.detail.target.querySelector("input:not([type=hidden]), textarea, select") : null;
  if (field && event.detail.target.id && event.detail.target.id.indexOf("step-") === 0) {
    field.focus();
  }
});
