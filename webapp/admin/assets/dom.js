// The console's two DOM helpers: find by id, and make an element whose text is set as text, never as markup.
export const byId = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
