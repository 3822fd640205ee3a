// Navigation without reloading the page; main.ts renders on the "explorer:navigate" event.

export const NAVIGATE_EVENT = "explorer:navigate";

/** Go to an explorer URL (the URL holds the whole state of a page, so it can be shared). */
export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The query string of a form's filled fields (`?q=…&entity=1&entity=2`), empty ones left out. */
export function formQuery(form: HTMLFormElement): string {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim()) query.append(name, value.trim());
  }
  const search = query.toString();
  return search ? `?${search}` : "";
}
