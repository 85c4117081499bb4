// Keyboard-first input entry. The page works without this file (a plain form post).
(() => {
  const slot = document.getElementById("entry-form-slot");
  if (!slot) return;
  const text = () => slot.querySelector("textarea[name=text]");
  const focusText = () => {
    const box = text();
    if (box) box.focus();
  };
  slot.addEventListener("keydown", (event) => {
    const form = event.target.closest("form");
    if (!form) return;
    // Enter saves (Shift+Enter is a new line in the text box).
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing &&
        (event.target.matches("textarea") || event.target.matches("select"))) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (!event.altKey) return;
    const kind = form.querySelector("select[name=kind]");
    const digit = Number.parseInt(event.key, 10);
    if (kind && digit >= 1 && digit <= kind.options.length) {
      event.preventDefault();
      kind.selectedIndex = digit - 1;
      return;
    }
    const key = event.key.toLowerCase();
    if (key === "w") {
      const who = form.querySelector("select[name=stakeholder]");
      if (who) { event.preventDefault(); who.focus(); }
    } else if (key === "t") {
      event.preventDefault();
      focusText();
    }
  });
  // After each save the form comes back: the text box is ready for the next input.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target === slot) {
      const error = slot.querySelector("[aria-invalid=true]");
      (error || text())?.focus();
    }
  });
})();
