// Small DOM pieces the dashboard's panels share: building elements, and saying a refused call in a
// plain sentence at the place it concerns.
import { ErrorCodes } from "./protocol.js";

export const $ = (id) => document.getElementById(id);

/** Creates an element: `dataset` fills data-* attributes, dashed keys (aria-label) are attributes, the rest properties. */
export const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.includes("-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};

export const button = (text, onClick, props = {}) => el("button", { type: "button", textContent: text, onclick: onClick, ...props });

/** The line under a row's controls where the errors of that row's actions go. */
export const rowError = () => el("span", { className: "row-error error", role: "alert" });

const FIELD_NAMES = { name: "The name", weight: "The weight", health_points: "Health", password: "The password", user: "The user", search: "The search", from: "The first day", to: "The last day" };

/** A refused call as a plain sentence: "The weight must be >= 0.", not "invalid params: weight must be >= 0". */
export function explain(error) {
  const { field, reason } = error.data ?? {};
  if (error.code === ErrorCodes.Conflict && reason) return `${reason[0].toUpperCase()}${reason.slice(1)}.`;
  if (field && reason) return `${FIELD_NAMES[field] ?? field} ${reason}.`;
  if (error.code === ErrorCodes.Forbidden) return "Only admins may do that.";
  if (error.code === ErrorCodes.NotFound) return "It is gone: someone deleted it meanwhile.";
  if (error.timedOut) return "The server did not answer: try again.";
  return `${error.message[0].toUpperCase()}${error.message.slice(1)}.`;
}

const numbers = new Intl.NumberFormat("en");

/** 1234 → "1,234": figures in the dashboard are read at a glance. */
export const formatCount = (count) => numbers.format(count);
