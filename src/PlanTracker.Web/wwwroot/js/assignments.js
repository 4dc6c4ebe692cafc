// Assignment checklists: a group's "whole group" box ticks or clears every box of its group, and clearing one box
// clears the group's box (the server reads a ticked group box as "all of the group", so it must not stay ticked).
// Without this file the group box still works: the server adds the whole group. Loaded from wwwroot (CSP).
document.addEventListener('change', function (event) {
    var box = event.target;
    var group = box.closest && box.closest('[data-pick-group]');
    if (!group) {
        return;
    }
    var all = group.querySelector('[data-pick-all]');
    if (box.hasAttribute('data-pick-all')) {
        group.querySelectorAll('[data-pick-one]').forEach(function (one) {
            one.checked = box.checked;
        });
    } else if (box.hasAttribute('data-pick-one') && all && !box.checked) {
        all.checked = false;
    }
});
