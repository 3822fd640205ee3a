// Entity (`/entities/{id}`): name, type, aliases, external ids, articles per week,
// related entities, what it said, the events it takes part in.
import { type JsonOf, type Schemas, apiGet } from "../client";
import { type Child, h } from "../dom";
import { entityLink, plural, timeEl, typeBadge } from "../format";
import { weekChart } from "../chart";
import { empty, errorBox, loading } from "../widgets";
import { eventCard } from "./events";
import type { PageContext } from "./page";

type Article = Schemas["ArticleRead"];

// The chart counts at most this many of the entity's most recent articles (pages of 100).
const CHART_PAGES = 10;

const ID_LINKS: Record<string, [string, (id: string) => string | null]> = {
  wikidata: ["Wikidata", (id) => `https://www.wikidata.org/wiki/${encodeURIComponent(id)}`],
  geonames: ["GeoNames", (id) => `https://www.geonames.org/${encodeURIComponent(id)}`],
  iso3166: ["ISO 3166", () => null],
};

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

async function allArticles(entityId: number, signal: AbortSignal): Promise<[Article[], boolean]> {
  const articles: Article[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < CHART_PAGES; i++) {
    const page: JsonOf<"/v1/entities/{entity_id}/articles"> = await apiGet(
      "/v1/entities/{entity_id}/articles",
      { path: { entity_id: entityId }, query: { limit: 100, cursor } },
      signal,
    );
    articles.push(...page.data);
    cursor = page.next_cursor ?? null;
    if (!cursor) return [articles, false];
  }
  return [articles, true];
}

async function fill(target: HTMLElement, build: () => Promise<Child>): Promise<void> {
  target.replaceChildren(loading());
  try {
    const content = await build();
    target.replaceChildren();
    if (content) target.append(...(Array.isArray(content) ? content : [content]).filter((c): c is Node | string => !!c && typeof c !== "number"));
  } catch (error) {
    target.replaceChildren(errorBox(error));
  }
}

export async function entityPage({ main, match, signal }: PageContext): Promise<string> {
  const id = Number(match[1]);
  const entity = await apiGet("/v1/entities/{entity_id}", { path: { entity_id: id } }, signal);
  const ids = Object.entries(entity.ids);
  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", {}, "Also named"),
    h("dd", {}, entity.aliases.length ? h("ul", { class: "inline-list" }, ...entity.aliases.map((alias) => h("li", {}, alias))) : "—"),
    h("dt", {}, "Identifiers"),
    h(
      "dd",
      {},
      ids.length
        ? h(
            "ul",
            { class: "inline-list" },
            ...ids.map(([scheme, value]) => {
              const [label, link] = ID_LINKS[scheme] ?? [scheme, () => null];
              const href = link(value);
              return h("li", {}, `${label} `, href ? h("a", { href, rel: "noopener noreferrer" }, value) : h("code", {}, value));
            }),
          )
        : "none known",
    ),
    h("dt", {}, "Seen"),
    h(
      "dd",
      {},
      `${plural(entity.article_count, "article")}, ${plural(entity.mention_count, "mention")}`,
      entity.first_seen ? [", from ", timeEl(entity.first_seen), " to ", timeEl(entity.last_seen)] : null,
    ),
  );
  const chartPanel = h("div", {});
  const recentPanel = h("div", {});
  const relatedPanel = h("div", {});
  const quotesPanel = h("div", {});
  const eventsPanel = h("div", {});
  main.replaceChildren(
    h(
      "header",
      { class: "entity-header" },
      h("p", { class: "crumbs" }, h("a", { href: "/" }, "Articles"), " / entity"),
      h("h1", {}, entity.name, " ", typeBadge(entity.type)),
      facts,
      h("p", {}, h("a", { class: "button", href: `/?entity=${entity.id}` }, `Search articles naming ${entity.name}`), " ", h("a", { class: "button", href: `/events?entity=${entity.id}` }, "Its events")),
    ),
    h(
      "div",
      { class: "entity-layout" },
      section("h-chart", "Articles per week", chartPanel),
      section("h-recent", "Latest articles", recentPanel),
      section("h-quotes", entity.type === "PERSON" ? "What they said" : "Quotes", quotesPanel),
      section("h-events", "Events", eventsPanel),
      section("h-related", "Named with", relatedPanel),
    ),
  );
  const articles = allArticles(id, signal);
  // The panels fill in as their answers come; the page (and its heading's focus) is ready now.
  void Promise.all([
    fill(chartPanel, async () => {
      const [items, truncated] = await articles;
      return [
        weekChart(items.map((a) => a.published_at)),
        truncated ? h("p", { class: "muted small" }, `Counted over the ${items.length} most recent articles.`) : null,
      ];
    }),
    fill(recentPanel, async () => {
      const [items] = await articles;
      return items.length
        ? h(
            "ul",
            { class: "plain" },
            ...items.slice(0, 8).map((a) =>
              h("li", {}, h("a", { href: `/articles/${a.id}`, lang: a.language }, a.title), h("div", { class: "meta" }, timeEl(a.published_at), a.source ? ` · ${a.source}` : "")),
            ),
          )
        : empty("No article.");
    }),
    fill(relatedPanel, async () => {
      const page = await apiGet("/v1/entities/{entity_id}/related", { path: { entity_id: id }, query: { limit: 20 } }, signal);
      return page.data.length
        ? h("ul", { class: "plain entity-list" }, ...page.data.map((r) => h("li", {}, entityLink(r), h("span", { class: "muted" }, ` ${plural(r.shared_articles, "article")} together`))))
        : empty("Named alone so far.");
    }),
    fill(quotesPanel, async () => {
      const page = await apiGet("/v1/entities/{entity_id}/quotes", { path: { entity_id: id }, query: { limit: 20 } }, signal);
      return page.data.length
        ? h(
            "ul",
            { class: "plain quotes" },
            ...page.data.map((q) =>
              h(
                "li",
                {},
                h("blockquote", { lang: q.article.language }, q.text),
                h("div", { class: "meta" }, q.kind === "indirect" ? "reported · " : "", h("a", { href: `/articles/${q.article.id}` }, q.article.title), " · ", timeEl(q.published_at)),
              ),
            ),
          )
        : empty("No quote attributed.");
    }),
    fill(eventsPanel, async () => {
      const page = await apiGet("/v1/entities/{entity_id}/events", { path: { entity_id: id }, query: { limit: 20 } }, signal);
      return page.data.length ? h("ul", { class: "plain timeline-list" }, ...page.data.map((e) => h("li", {}, eventCard(e, true)))) : empty("Takes part in no event found so far.");
    }),
  ]);
  return entity.name;
}
