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

// A large event log takes a while to send and to check: show how much has been sent, then that
// it is being checked. The server's answer (the log page, or the form with every problem)
// replaces the page as a normal submission would. Without script the form posts as usual.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("form[data-upload-progress]") || !window.FormData || !window.DOMParser) {
    return;
  }
  event.preventDefault();
  var box = form.querySelector(".upload-progress");
  var bar = box.querySelector("progress");
  var status = box.querySelector("[data-upload-status]");
  var button = form.querySelector("button[type=submit]");
  box.hidden = false;
  button.disabled = true;
  status.textContent = form.dataset.uploading;
  var target = form.action || window.location.href;
  var request = new XMLHttpRequest();
  request.open("POST", target);
  request.upload.addEventListener("progress", function (progress) {
    if (!progress.lengthComputable) { return; }
    var percent = Math.round(100 * progress.loaded / progress.total);
    bar.value = percent;
    status.textContent = form.dataset.uploading + " " + percent + " %";
  });
  request.upload.addEventListener("load", function () {
    bar.removeAttribute("value");  // indeterminate while the server checks the log
    status.textContent = form.dataset.checking;
  });
  request.addEventListener("load", function () {
    var page = new DOMParser().parseFromString(request.responseText, "text/html");
    if (request.responseURL && request.responseURL !== target) {
      window.history.pushState({}, "", request.responseURL);
    }
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    if (window.htmx) { window.htmx.process(document.body); }  // the new page's own hx- links
    var focus = document.querySelector("[data-focus]") || document.querySelector("h1");
    if (focus) {
      if (!focus.hasAttribute("tabindex")) { focus.setAttribute("tabindex", "-1"); }
      focus.focus();
    }
  });
  request.addEventListener("error", function () {
    // The connection failed: fall back to the browser's own submission.
    box.hidden = true;
    button.disabled = false;
    form.submit();
  });
  request.send(new FormData(form));
});

// A table wider than a phone scrolls inside its box: the box is named after the table's
// caption and reachable by Tab so that keyboard users can scroll it. Boxes the server already
// labelled are left as they are.
function labelScrollBoxes(root) {
  root.querySelectorAll(".table-scroll:not([tabindex])").forEach(function (box, index) {
    var caption = box.querySelector("caption");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    if (caption) {
      if (!caption.id) { caption.id = "table-caption-" + Date.now() + "-" + index; }
      box.setAttribute("aria-labelledby", caption.id);
    }
  });
}
document.addEventListener("DOMContentLoaded", function () { labelScrollBoxes(document); });
document.addEventListener("htmx:afterSettle", function () { labelScrollBoxes(document); });

// A progress region is polled every few seconds; its words are put in again only when they
// change, so that a screen reader announces each step once instead of at every poll.
document.addEventListener("htmx:oobBeforeSwap", function (event) {
  var detail = event.detail;
  if (detail.target && detail.target.getAttribute("role") === "status" && detail.fragment &&
      detail.target.textContent.trim() === detail.fragment.textContent.trim()) {
    detail.shouldSwap = false;
  }
});
