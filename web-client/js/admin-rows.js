// The dashboard's tables are updated row by row, in place, so that a refresh never takes a control
// from under the admin's hands: a half-typed value, a picked option and the focus all stay.

/**
 * Makes `tbody` show one row per record, in order. A row is created once per key and then updated
 * in place; rows whose record is gone are removed. Each row keeps its latest record in `row.record`.
 * @param {HTMLElement} tbody
 * @param {object[]} records
 * @param {{ key: (record: object) => unknown, create: (record: object) => HTMLTableRowElement, update: (row: HTMLTableRowElement, record: object) => void }} how
 */
export function syncRows(tbody, records, { key, create, update }) {
  const existing = new Map([...tbody.children].map((row) => [row.dataset.key, row]));
  let next = tbody.firstElementChild;
  for (const record of records) {
    const id = String(key(record));
    let row = existing.get(id);
    existing.delete(id);
    if (!row) {
      row = create(record);
      row.dataset.key = id;
    }
    row.record = record;
    update(row, record);
    // Moved only when out of place: moving a row would take the focus away from its inputs.
    if (row === next) next = next.nextElementSibling;
    else tbody.insertBefore(row, next);
  }
  for (const row of existing.values()) row.remove();
}

/**
 * Shows a stored value in an input the admin may be editing. An input being edited (it has the
 * focus, or holds a value other than the one it was filled with) is left alone, and `note` says what
 * is stored now if that changed meanwhile; an input not being edited follows the stored value.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} note
 * @param {unknown} stored
 */
export function showStored(input, note, stored) {
  const value = String(stored);
  const filledWith = input.dataset.filledWith;
  const editing = filledWith !== undefined && (input.value !== filledWith || document.activeElement === input);
  if (!editing || input.value === value) {
    if (input.value !== value) input.value = value;
    input.dataset.filledWith = value;
    note.textContent = "";
  } else {
    note.textContent = value === filledWith ? "" : `now ${value} on the server`;
  }
}

/**
 * Gives a select the options `[{ value, label }]`, keeping the option picked when it is still
 * offered; a select the admin has open (focused) is left alone until the next refresh.
 * @param {HTMLSelectElement} select
 * @param {{ value: unknown, label: string }[]} options
 */
export function showOptions(select, options) {
  const signature = JSON.stringify(options);
  if (select.dataset.options === signature || document.activeElement === select) return;
  const picked = select.value;
  select.replaceChildren(...options.map(({ value, label }) => {
    const option = document.createElement("option");
    option.value = String(value);
    option.textContent = label;
    return option;
  }));
  if (options.some((o) => String(o.value) === picked)) select.value = picked;
  select.dataset.options = signature;
}
