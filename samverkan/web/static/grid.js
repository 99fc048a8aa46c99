// The mapping grid: keyboard movement, new rows, and totals that follow the typing.
// Saving is HTMX on each row (hx-post on change); this file only moves focus, adds rows from
// the row template, and asks the server for the totals while someone types. No arithmetic here.
(function () {
  "use strict";
  var grid = document.getElementById("grid");
  if (!grid) { return; }
  var body = document.getElementById("grid-body");
  var added = 0;

  function fields(row) {
    return Array.prototype.filter.call(
      row.querySelectorAll("input:not([type=hidden]), select"),
      function (el) { return !el.disabled; });
  }

  function fieldIn(row, column) {
    return row.querySelector("[data-col='" + column + "']") || fields(row)[0];
  }

  function addRow() {
    added += 1;
    // Looked up each time: a save replaces the template with the step's tasks as they are now.
    var template = document.getElementById("grid-new-row");
    var html = template.innerHTML.replace(/__KEY__/g, "new-" + added);
    var holder = document.createElement("tbody");
    holder.innerHTML = html.trim();
    var row = holder.querySelector("tr");
    body.appendChild(row);
    if (window.htmx) { window.htmx.process(row); }
    return row;
  }

  document.getElementById("grid-add-row").addEventListener("click", function () {
    var row = addRow();
    fields(row)[0].focus();
  });

  // Enter moves to the same field on the next row; on the last row it adds a row first.
  grid.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.shiftKey || event.altKey || event.ctrlKey) { return; }
    var field = event.target;
    var row = field.closest("tr[data-row]");
    if (!row || !field.matches("input, select")) { return; }
    event.preventDefault();
    var column = field.getAttribute("data-col");
    var next = row.nextElementSibling;
    while (next && !next.matches("tr[data-row]")) { next = next.nextElementSibling; }
    if (!next) { next = addRow(); }
    fieldIn(next, column).focus();
  });

  // A new row that joins an existing task takes that task's own fields: they are switched off
  // (and not sent) so that nobody types into fields that would be ignored.
  var taskFields = ["name", "org", "category", "child_present", "exchange", "occasions"];
  grid.addEventListener("change", function (event) {
    if (event.target.getAttribute("name") !== "task") { return; }
    var row = event.target.closest("tr[data-row]");
    var joining = event.target.value !== "";
    taskFields.forEach(function (name) {
      var field = row.querySelector("[name='" + name + "']");
      if (field) { field.disabled = joining; }
    });
  });

  // While someone types, the totals are worked out by the server for the row as typed.
  var timers = new WeakMap();
  grid.addEventListener("input", function (event) {
    var row = event.target.closest("tr[data-row]");
    if (!row || !window.htmx) { return; }
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(function () {
      window.htmx.ajax("POST", grid.getAttribute("data-preview"),
                       {source: row, target: "#grid-totals", swap: "innerHTML"});
    }, 400));
  });

  // A row's problems name their fields: mark those fields for assistive technology.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var cell = event.detail.target;
    if (!cell || !cell.classList || !cell.classList.contains("grid-status")) { return; }
    var row = cell.closest("tr");
    fields(row).forEach(function (el) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    });
    var list = cell.querySelector(".grid-errors");
    if (list && !list.id) { list.id = row.id + "-errors"; }
    cell.querySelectorAll("[data-field]").forEach(function (item) {
      var el = row.querySelector("[name='" + item.getAttribute("data-field") + "']");
      if (el) {
        el.setAttribute("aria-invalid", "true");
        el.setAttribute("aria-describedby", list.id);
      }
    });
  });
}());
