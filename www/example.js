// The example page listens for the widget's result event and shows it. A host page could
// instead store it, offer a download or start a workflow; the widget itself sends nothing.
const output = document.getElementById('last-event');
const detail = document.getElementById('event-detail');

document.addEventListener('ai-act-check-complete', (event) => {
  const assessment = event.detail;
  const where = event.target.id || 'the widget';
  output.textContent = `Result from ${where}: in scope ${assessment.in_scope}, categories ${assessment.categories.join(', ')}.`;
  detail.textContent = JSON.stringify(assessment, null, 2);
  detail.hidden = false;
});
