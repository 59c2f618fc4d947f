// After an enhanced form post Blazor patches the page in place and focus stays on the pressed button, so a
// screen-reader user would not notice the answer: move focus to the error summary, else to the confirmation.
(() => {
  let posted = false;
  document.addEventListener('submit', () => { posted = true; }, true);
  Blazor.addEventListener('enhancedload', () => {
    if (!posted) {
      return;
    }

    posted = false;
    const answer = ['.vt-error-summary', '.vt-conflict', '.vt-secret', '.alert-success[role=status]', '.alert[role=status]']
      .map(selector => document.querySelector(selector))
      .find(element => element !== null);
    if (answer) {
      answer.tabIndex = -1;
      answer.focus();
    }
  });
})();
