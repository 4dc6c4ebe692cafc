// Milestone rows of the report form (填报): "add a row" copies the last row, empty, with the next index in its names
// (Milestones[n].Title, Milestones[n].ReachedOn). Without this file the form still offers three blank rows and the
// server ignores rows left blank. Loaded from wwwroot (CSP forbids inline script).
(function () {
    var fieldset = document.querySelector('[data-milestones]');
    if (!fieldset) {
        return;
    }
    var button = fieldset.querySelector('[data-add-milestone]');
    if (!button) {
        return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
        var rows = fieldset.querySelectorAll('[data-milestone-row]');
        var last = rows[rows.length - 1];
        var index = rows.length;
        var copy = last.cloneNode(true);
        copy.querySelectorAll('input').forEach(function (input) {
            input.value = '';
            input.name = input.name.replace(/\[\d+\]/, '[' + index + ']');
            input.id = input.id.replace(/_\d+__/, '_' + index + '__');
        });
        copy.querySelectorAll('label').forEach(function (label) {
            label.htmlFor = label.htmlFor.replace(/_\d+__/, '_' + index + '__');
        });
        last.parentNode.insertBefore(copy, button);
        copy.querySelector('input').focus();
    });
})();
