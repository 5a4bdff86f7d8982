// The two DOM shorthands every panel uses. Text always goes in as text, never as HTML.

/** The element with the id. */
export const $ = (id) => document.getElementById(id);

/** A new element with a class name, attributes and children (strings become text nodes). */
export function element(tag, { className, ...attributes } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
