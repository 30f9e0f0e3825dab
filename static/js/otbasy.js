// Otbasy's few behaviours. No inline scripts (CSP): everything hangs on data attributes.
(function () {
  "use strict";

  // --- The modal pattern (otbasy/modal.py): forms load into #modal-dialog; 204 closes the modal.
  const modalElement = document.getElementById("modal");
  const modal = () => bootstrap.Modal.getOrCreateInstance(modalElement);

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id === "modal-dialog") {
      modal().show();
      const first = event.detail.target.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
  });
  document.body.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.target && event.detail.target.id === "modal-dialog" && event.detail.xhr.status === 204) {
      modal().hide();
    }
  });
  if (modalElement) {
    modalElement.addEventListener("hidden.bs.modal", () => {
      document.getElementById("modal-dialog").replaceChildren();
    });
  }

  // --- The language switch goes back to the address on screen: an htmx search may have changed its
  // query since the page (and the switcher's "next") was rendered.
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-language-switcher]");
    if (form && form.elements.next) form.elements.next.value = window.location.pathname + window.location.search;
  });

  // --- Formsets: "add a child" copies the empty form, numbering it.
  document.addEventListener("click", (event) => {
    const add = event.target.closest("[data-formset-add]");
    if (add) {
      const prefix = add.dataset.formsetAdd;
      const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
      const index = Number(total.value);
      const template = document.getElementById(`${prefix}-empty-form`);
      const container = document.getElementById(`${prefix}-forms`);
      container.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
      total.value = String(index + 1);
      const added = container.lastElementChild;
      const first = added.querySelector("input:not([type=hidden])");
      if (first) first.focus();
      return;
    }
    const remove = event.target.closest("[data-formset-remove]");
    if (remove) {
      // A row not yet saved just empties: an empty, unchanged row is ignored on save.
      const row = remove.closest("[data-formset-form]");
      row.querySelectorAll("input:not([type=hidden]):not([type=checkbox]), select").forEach((input) => { input.value = ""; });
      row.querySelectorAll("input[type=checkbox]").forEach((box) => { box.checked = box.defaultChecked; });
      row.hidden = true;
    }
  });

  // --- IIN: pre-fill birth date and sex from it (only a hint: since 2013 they are not guaranteed).
  const CENTURY_SEX = { 1: [1800, "m"], 2: [1800, "f"], 3: [1900, "m"], 4: [1900, "f"], 5: [2000, "m"], 6: [2000, "f"] };
  document.addEventListener("change", (event) => {
    const input = event.target.closest("input[data-iin]");
    if (!input) return;
    const iin = input.value.replace(/\D/g, "");
    const centurySex = CENTURY_SEX[iin[6]];
    if (iin.length !== 12 || !centurySex) return;
    const [century, sex] = centurySex;
    const year = century + Number(iin.slice(0, 2));
    const month = iin.slice(2, 4);
    const day = iin.slice(4, 6);
    const date = new Date(`${year}-${month}-${day}T00:00:00`);
    const person = input.closest("[data-person]");
    if (!person) return;
    const birth = person.querySelector("input[name$='birth_date']");
    if (birth && !birth.value && !Number.isNaN(date.getTime()) && date.getDate() === Number(day)) {
      birth.value = `${year}-${month}-${day}`;
    }
    const sexSelect = person.querySelector("select[name$='-sex']");
    if (sexSelect && !sexSelect.value) sexSelect.value = sex;
  });

  // --- The consent text is shown in the language chosen for the mother.
  const languageSelect = document.getElementById("id_family-language");
  const showConsentText = () => {
    document.querySelectorAll("[data-consent-text]").forEach((text) => {
      text.hidden = languageSelect && text.dataset.consentText !== languageSelect.value;
    });
  };
  if (languageSelect) {
    languageSelect.addEventListener("change", showConsentText);
    showConsentText();
  }
})();
