// Outline tools: expand or collapse every <details> of the outline. Loaded from wwwroot (no inline script: CSP).
document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-outline]');
    if (!button) {
        return;
    }
    var open = button.getAttribute('data-outline') === 'expand';
    document.querySelectorAll('.outline details').forEach(function (details) {
        details.open = open;
    });
});
