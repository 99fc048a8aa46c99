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
// An outerHTML swap replaces the target, so the new row is looked up again by its id.
document.addEventListener("htmx:afterSettle", function (event) {
  var id = event.detail.target && event.detail.target.id;
  if (!id || id.indexOf("step-") !== 0) { return; }
  var row = document.getElementById(id);
  var field = row && row.querySelector("input:not([type=hidden]), textarea, select");
  if (field) {
    field.focus();
  } else if (row) {
    var link = row.querySelector("a");  // after saving, back to the row's edit link
    if (link) { link.focus(); }
  }
});
