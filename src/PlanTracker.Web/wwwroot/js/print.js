// A button marked data-print prints the page (the print style sheet leaves only the report).
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-print]');
  if (button) {
    window.print();
  }
});
