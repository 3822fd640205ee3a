// Article (`/articles/{id}`): the text with its evidence drawn on it from the offsets;
// beside it the events it reports, its republications and near-duplicates, source, URLs.
import { type Schemas, apiGet } from "../client";
import { type Child, h } from "../dom";
import { annotate, annotationsFor } from "../evidence";
import { TYPE_LABELS, entityLink, plural, timeEl, typeLabel } from "../format";
import { empty } from "../widgets";
import type { PageContext } from "./page";

type Detail = Schemas["ArticleDetail"];

function side(title: string, ...children: Child[]): HTMLElement {
  const id = `side-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return h("section", { class: "side", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

function legend(): HTMLElement {
  return h(
    "ul",
    { class: "legend", "aria-label": "How the evidence is marked" },
    ...Object.keys(TYPE_LABELS).map((type) =>
      h("li", {}, h("span", { class: `mention t-${type}` }, typeLabel(type))),
    ),
    h("li", {}, h("mark", { class: "quote" }, "quote")),
    h("li", {}, h("span", { class: "date" }, "date"), " (hover or focus: resolved value)"),
  );
}

function eventsSection(article: Detail): HTMLElement {
  return side(
    "Events reported",
    article.events.length
      ? h(
          "ul",
          { class: "plain" },
          ...article.events.map((event) =>
            h(
              "li",
              { class: "event-brief" },
              h("a", { href: `/events?from=${event.date}&to=${event.date}#event-${event.id}` }, event.title),
              h(
                "div",
                { class: "meta" },
                timeEl(event.date),
                " · ",
                event.type.replace(/_/g, " "),
                " · ",
                h("span", { class: `status status-${event.status}` }, event.status),
              ),
            ),
          ),
        )
      : empty("No event found in this article."),
  );
}

function quotesSection(article: Detail): HTMLElement {
  return side(
    "Quotes",
    article.quotes.length
      ? h(
          "ul",
          { class: "plain quotes" },
          ...article.quotes.map((quote) =>
            h(
              "li",
              {},
              h("blockquote", { lang: article.language }, quote.text),
              h(
                "div",
                { class: "meta" },
                "— ",
                quote.speaker ? entityLink(quote.speaker) : (quote.speaker_text ?? "unknown speaker"),
                quote.kind === "indirect" ? " (reported speech)" : "",
              ),
            ),
          ),
        )
      : empty("No quote found."),
  );
}

function copiesSection(article: Detail): HTMLElement {
  const urls = article.urls.length ? article.urls : article.url ? [article.url] : [];
  return side(
    "Source and copies",
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Source"),
      h("dd", {}, article.source ? h("a", { href: `/?source=${encodeURIComponent(article.source)}` }, article.source) : "unknown"),
      h("dt", {}, "Republication"),
      h("dd", {}, article.republished ? "Yes: this text says it republishes an original article" : "No notice of republication"),
      h("dt", {}, urls.length > 1 ? "Seen under these URLs" : "URL"),
      h(
        "dd",
        {},
        urls.length
          ? h("ul", { class: "plain urls" }, ...urls.map((url) => h("li", {}, h("a", { href: url, rel: "noopener noreferrer" }, url))))
          : "none recorded",
      ),
      h("dt", {}, "Near-duplicates"),
      h(
        "dd",
        {},
        article.duplicates.length
          ? h(
              "ul",
              { class: "plain" },
              ...article.duplicates.map((dup) =>
                h(
                  "li",
                  {},
                  h("a", { href: `/articles/${dup.id}` }, dup.title),
                  ` (${Math.round(dup.similarity * 100)}% similar)`,
                ),
              ),
            )
          : "none",
      ),
    ),
  );
}

function entitiesSection(article: Detail): HTMLElement {
  const counts = new Map<number, { entity: Schemas["EntityBrief"]; count: number }>();
  for (const mention of article.mentions) {
    const seen = counts.get(mention.entity.id) ?? { entity: mention.entity, count: 0 };
    seen.count += 1;
    counts.set(mention.entity.id, seen);
  }
  const rows = [...counts.values()].sort((a, b) => b.count - a.count || a.entity.name.localeCompare(b.entity.name));
  return side(
    "Named",
    rows.length
      ? h("ul", { class: "plain entity-list" }, ...rows.map(({ entity, count }) => h("li", {}, entityLink(entity), h("span", { class: "muted" }, ` ×${count}`))))
      : empty("No entity found."),
  );
}

export async function articlePage({ main, match, signal }: PageContext): Promise<string> {
  const id = Number(match[1]);
  const article = await apiGet("/v1/articles/{article_id}", { path: { article_id: id } }, signal);
  const lang = article.language;
  const meta: Child[] = [
    timeEl(article.published_at, true),
    article.source ? ` · ${article.source}` : null,
    article.authors.length ? ` · by ${article.authors.join(", ")}` : null,
    ` · ${plural(article.word_count, "word")} · ${lang.toUpperCase()}`,
    article.republished ? h("span", { class: "badge" }, "republished") : null,
  ];
  main.replaceChildren(
    h(
      "article",
      { class: "article" },
      h(
        "header",
        { class: "article-header" },
        h("p", { class: "crumbs" }, h("a", { href: "/" }, "Articles"), " / ", `#${article.id}`),
        h("h1", { lang }, annotate(article.title, annotationsFor("title", article))),
        article.standfirst
          ? h("p", { class: "standfirst", lang }, annotate(article.standfirst, annotationsFor("standfirst", article)))
          : null,
        h("p", { class: "meta" }, ...meta),
      ),
      h(
        "div",
        { class: "article-layout" },
        h(
          "div",
          { class: "article-text" },
          legend(),
          h(
            "div",
            { class: "body", lang },
            annotate(article.body, annotationsFor("body", article)),
          ),
          h(
            "p",
            { class: "muted small" },
            `${plural(article.mentions.length, "mention")}, ${plural(article.quotes.length, "quote")}, ${plural(article.dates.length, "date")} · `,
            h("a", { href: `/v1/articles/${article.id}` }, "this article as JSON"),
          ),
        ),
        h(
          "aside",
          { class: "article-side", "aria-label": "About this article" },
          eventsSection(article),
          quotesSection(article),
          entitiesSection(article),
          copiesSection(article),
        ),
      ),
    ),
  );
  return article.title;
}
