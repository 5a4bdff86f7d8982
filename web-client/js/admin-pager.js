// A table that pages and searches on the server: it asks for one page (offset, limit, search) and
// the total, never for everything. The search waits until the admin stops typing.
import { button, el, formatCount } from "./admin-dom.js";

const SEARCH_PAUSE_MS = 300;

export class ServerPage {
  #range;
  #previous;
  #next;
  #timer = null;

  /**
   * @param {{ pager: HTMLElement, search: HTMLInputElement, size?: number, noun: string, onChange: () => void }} options
   *   pager: where the previous/next buttons and "41–60 of 1,234" go; onChange: asked to load the page again.
   */
  constructor({ pager, search, size = 20, noun, onChange }) {
    this.offset = 0;
    this.size = size;
    this.total = 0;
    this.search = "";
    this.noun = noun;
    this.onChange = onChange;
    this.#range = el("span", { className: "pager-range", "aria-live": "polite" });
    this.#previous = button("Previous", () => this.#go(this.offset - this.size), { "aria-label": `Previous ${noun}` });
    this.#next = button("Next", () => this.#go(this.offset + this.size), { "aria-label": `Next ${noun}` });
    pager.replaceChildren(this.#previous, this.#range, this.#next);
    search.addEventListener("input", () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        const text = search.value.trim();
        if (text === this.search) return;
        this.search = text;
        this.#go(0);
      }, SEARCH_PAUSE_MS);
    });
    this.show(0, 0);
  }

  /** The params of the page wanted: `{ offset, limit, search? }`. */
  get params() {
    return { offset: this.offset, limit: this.size, ...(this.search ? { search: this.search } : {}) };
  }

  /** The filter alone, for the count: `{ search? }`. */
  get filter() {
    return this.search ? { search: this.search } : {};
  }

  /**
   * Shows where the page is, from the total the server counted and the rows it sent. A page left
   * empty by deletions elsewhere steps back to the last page that has rows.
   * @returns {boolean} false when it stepped back, and so asked for another page.
   */
  show(total, rows) {
    this.total = total;
    if (rows === 0 && this.offset > 0 && total > 0) {
      this.#go(Math.max(0, Math.floor((total - 1) / this.size) * this.size));
      return false;
    }
    this.#range.textContent = rows === 0
      ? (this.search ? `No ${this.noun} match` : `No ${this.noun}`)
      : `${formatCount(this.offset + 1)}–${formatCount(this.offset + rows)} of ${formatCount(total)}`;
    this.#previous.disabled = this.offset === 0;
    this.#next.disabled = this.offset + rows >= total;
    return true;
  }

  #go(offset) {
    this.offset = Math.max(0, offset);
    this.onChange();
  }
}
