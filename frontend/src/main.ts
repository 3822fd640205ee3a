// The explorer's entry point: a client-side router over four pages, all built on /v1.
import { ApiError } from "./client";
import { h } from "./dom";
import { articlePage } from "./pages/article";
import { articlesPage } from "./pages/articles";
import { entityPage } from "./pages/entity";
import { eventsPage } from "./pages/events";
import { NAVIGATE_EVENT, navigate } from "./nav";
import type { Page } from "./pages/page";
import { errorBox, loading } from "./widgets";

const ROUTES: [RegExp, Page, string][] = [
  [/^\/$/, articlesPage, "articles"],
  [/^\/articles\/(\d+)$/, articlePage, "articles"],
  [/^\/entities\/(\d+)$/, entityPage, "entities"],
  [/^\/events$/, eventsPage, "events"],
];

let current: AbortController | null = null;

function route(pathname: string): [Page, RegExpExecArray, string] | null {
  for (const [pattern, page, section] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) return [page, match, section];
  }
  return null;
}

async function render(focus: boolean): Promise<void> {
  const main = document.getElementById("main") as HTMLElement;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const found = route(location.pathname);
  document.querySelectorAll<HTMLAnchorElement>("[data-nav]").forEach((link) => {
    if (found && link.dataset.nav === found[2]) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
  if (!found) {
    main.replaceChildren(h("h1", {}, "Not found"), h("p", {}, "This page is not part of the explorer."));
    return;
  }
  const [page, match] = found;
  main.setAttribute("aria-busy", "true");
  main.replaceChildren(loading());
  try {
    const title = await page({
      main,
      match,
      params: new URLSearchParams(location.search),
      signal: controller.signal,
    });
    if (controller.signal.aborted) return;
    document.title = `${title} · newsmeta explorer`;
  } catch (error) {
    if (controller.signal.aborted) return;
    const missing = error instanceof ApiError && error.status === 404;
    main.replaceChildren(h("h1", {}, missing ? "Not found" : "Explorer"), errorBox(error));
    document.title = `${missing ? "Not found" : "Error"} · newsmeta explorer`;
  } finally {
    if (!controller.signal.aborted) main.removeAttribute("aria-busy");
  }
  if (focus) {
    // After a navigation, screen readers and keyboards start at the new page's heading.
    const heading = main.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }
  // An anchor (`/events?…#event-3`) names an element the page has only now drawn.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target) {
    target.classList.add("targeted");
    target.scrollIntoView({ block: "center" });
  }
}


document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
  if (!link || link.target || link.hasAttribute("download") || link.origin !== location.origin) return;
  if (!route(link.pathname)) return; // /v1, /docs… are not explorer pages
  event.preventDefault();
  navigate(link.pathname + link.search + link.hash);
});

window.addEventListener("popstate", () => void render(true));
window.addEventListener(NAVIGATE_EVENT, () => void render(true));
void render(false);
