// Articles (`/`): search, filters that compose, highlighted snippets, pages by cursor.
// The URL holds the whole state (the API's own parameter names), so a search can be shared.
import { type Schemas, apiGet } from "../client";
import { h } from "../dom";
import { plural, timeEl } from "../format";
import { formQuery, navigate } from "../nav";
import { empty, entitiesById, entityPicker, errorBox, field, idsOf } from "../widgets";
import type { PageContext } from "./page";

type Article = Schemas["ArticleRead"];

const LANGUAGES = ["fr", "en", "de", "es", "it", "nl", "pt", "ru", "uk"];

/** A snippet with `<mark>` around the matches, rendered as text and marks (never as HTML). */
export function snippetNodes(snippet: string): Node[] {
  const nodes: Node[] = [];
  for (const [i, part] of snippet.split(/<mark>|<\/mark>/).entries()) {
    if (!part) continue;
    nodes.push(i % 2 === 1 ? h("mark", { class: "hit" }, part) : document.createTextNode(part));
  }
  return nodes;
}

function input(name: string, value: string | null, attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { name, value: value ?? "", ...attrs });
}

function searchForm(params: URLSearchParams, entities: Schemas["EntityBrief"][]): HTMLFormElement {
  const sort = h(
    "select",
    { name: "sort" },
    ...[
      ["", "Newest first"],
      ["published_at", "Oldest first"],
      ["relevance", "Best match (with words)"],
    ].map(([value, text]) =>
      h("option", { value, selected: (params.get("sort") ?? "") === value }, text),
    ),
  );
  const languages = h("datalist", { id: "languages" }, ...LANGUAGES.map((code) => h("option", { value: code })));
  const form = h(
    "form",
    { class: "search", role: "search", action: "/", method: "get" },
    h(
      "div",
      { class: "search-row" },
      field(
        "Search articles",
        input("q", params.get("q"), { type: "search", class: "big" }),
        'Words (all required), "exact phrases", prefix* — e.g. "Conseil OTAN-Russie"',
      ),
      h("button", { type: "submit", class: "primary" }, "Search"),
    ),
    h(
      "fieldset",
      { class: "filters" },
      h("legend", {}, "Filters"),
      field("Language", input("language", params.get("language"), { list: "languages", size: "4", placeholder: "fr" })),
      languages,
      field("Source", input("source", params.get("source"), { placeholder: "rt.com" })),
      field("Published from", input("published_from", params.get("published_from"), { type: "date" })),
      field("Published to", input("published_to", params.get("published_to"), { type: "date" })),
      field("Sort", sort),
      entityPicker(entities, "Naming every one of"),
      params.get("event") ? input("event", params.get("event"), { type: "hidden" }) : null,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(`/${formQuery(form)}`);
  });
  return form;
}

function result(article: Article): HTMLElement {
  const meta = [
    timeEl(article.published_at),
    article.source ? h("span", {}, article.source) : null,
    h("span", { lang: "en" }, article.language.toUpperCase()),
    h("span", {}, plural(article.word_count, "word")),
    article.republished ? h("span", { class: "badge" }, "republished") : null,
  ].filter((x): x is HTMLElement => x !== null);
  const text = article.snippet
    ? h("p", { class: "snippet", lang: article.language }, ...snippetNodes(article.snippet))
    : article.standfirst
      ? h("p", { class: "snippet", lang: article.language }, article.standfirst)
      : null;
  return h(
    "li",
    { class: "result" },
    h("h2", {}, h("a", { href: `/articles/${article.id}`, lang: article.language }, article.title)),
    h("p", { class: "meta" }, ...meta.flatMap((el, i) => (i ? [" · ", el] : [el]))),
    text,
  );
}

export async function articlesPage({ main, params, signal }: PageContext): Promise<string> {
  const entityIds = idsOf(params, "entity");
  const event = Number(params.get("event")) || null;
  const q = params.get("q")?.trim() || null;
  const sortParam = params.get("sort");
  const sort =
    sortParam === "published_at" || (sortParam === "relevance" && q) ? sortParam : "-published_at";
  const [entities, eventDetail] = await Promise.all([
    entitiesById(entityIds, signal),
    event ? apiGet("/v1/events/{event_id}", { path: { event_id: event } }, signal).catch(() => null) : null,
  ]);
  const heading = h("h1", {}, "Articles");
  const form = searchForm(params, entities);
  main.replaceChildren(heading, form);
  if (eventDetail) {
    const without = new URLSearchParams(params);
    without.delete("event");
    without.delete("cursor");
    main.appendChild(
      h(
        "p",
        { class: "notice" },
        "Articles mentioning the event ",
        h("strong", {}, eventDetail.title),
        ` (${eventDetail.date}). `,
        h("a", { href: `/?${without}` }, "Show all articles"),
      ),
    );
  }
  const results = h("section", { "aria-labelledby": "results-heading" });
  main.appendChild(results);
  let page;
  try {
    page = await apiGet(
      "/v1/articles",
      {
        query: {
          q,
          language: params.get("language"),
          source: params.get("source"),
          published_from: params.get("published_from"),
          published_to: params.get("published_to"),
          entity: entityIds,
          event,
          sort,
          cursor: params.get("cursor"),
          limit: 20,
        },
      },
      signal,
    );
  } catch (error) {
    results.replaceChildren(errorBox(error));
    return "Articles";
  }
  const summary = page.data.length
    ? `${plural(page.data.length, "article")}${page.next_cursor ? " on this page" : ""}${q ? ` matching ${q}` : ""}`
    : "No article matches";
  results.append(
    h("h2", { id: "results-heading", class: "results-heading", "aria-live": "polite" }, summary),
    page.data.length
      ? h("ol", { class: "results" }, ...page.data.map(result))
      : empty("Try fewer words, a prefix* or fewer filters."),
  );
  const nav = h("nav", { class: "pager", "aria-label": "Pages" });
  if (params.get("cursor")) {
    const first = new URLSearchParams(params);
    first.delete("cursor");
    const search = first.toString();
    nav.appendChild(h("a", { href: search ? `/?${search}` : "/" }, "← First page"));
  }
  if (page.next_cursor) {
    const next = new URLSearchParams(params);
    next.set("cursor", page.next_cursor);
    nav.appendChild(h("a", { href: `/?${next}`, rel: "next", class: "next" }, "Next page →"));
  }
  if (nav.childElementCount) results.appendChild(nav);
  return q ? `“${q}” — Articles` : "Articles";
}
