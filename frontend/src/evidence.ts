// The evidence of an article drawn on its text from the character offsets: mentions
// coloured by type and linked to their entity, quotes marked with their speaker, dates
// with their resolved value on hover and focus.
import type { Schemas } from "./client";
import { type Child, h } from "./dom";
import { entityLink, typeLabel } from "./format";

type Mention = Schemas["MentionRead"];
type Quote = Schemas["QuoteRead"];
type DateMention = Schemas["DateRead"];

export type Annotation =
  | { kind: "quote"; start: number; end: number; item: Quote }
  | { kind: "mention"; start: number; end: number; item: Mention }
  | { kind: "date"; start: number; end: number; item: DateMention };

export interface Segment {
  start: number;
  end: number;
  annotations: Annotation[];
}

/** The field an item's offsets point into (`title`, `standfirst` or, by default, `body`). */
export function fieldOf(item: object): string {
  const field = (item as { field?: unknown }).field;
  return typeof field === "string" && field ? field : "body";
}

/** Cut `length` characters at every annotation boundary; each piece lists what covers it. */
export function segments(length: number, annotations: Annotation[]): Segment[] {
  const valid = annotations.filter((a) => a.start >= 0 && a.end <= length && a.start < a.end);
  const cuts = new Set<number>([0, length]);
  for (const a of valid) {
    cuts.add(a.start);
    cuts.add(a.end);
  }
  const sorted = [...cuts].sort((x, y) => x - y);
  const pieces: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i];
    const end = sorted[i + 1];
    pieces.push({ start, end, annotations: valid.filter((a) => a.start <= start && a.end >= end) });
  }
  return pieces;
}

function speakerName(quote: Quote): string {
  return quote.speaker?.name ?? quote.speaker_text ?? "unknown speaker";
}

function speakerLabel(quote: Quote): HTMLElement {
  const who: Child = quote.speaker ? entityLink(quote.speaker) : speakerName(quote);
  return h(
    "span",
    { class: "speaker-label", "data-quote": quote.id },
    h("span", { class: "visually-hidden" }, "Quote by "),
    who,
    quote.kind === "indirect" ? h("span", { class: "muted" }, " (reported)") : null,
  );
}

/** The text with its annotations as DOM nodes. */
export function annotate(text: string, annotations: Annotation[]): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const piece of segments(text.length, annotations)) {
    let node: Node = document.createTextNode(text.slice(piece.start, piece.end));
    const date = piece.annotations.find((a) => a.kind === "date");
    const mention = piece.annotations.find((a) => a.kind === "mention");
    const quotes = piece.annotations.filter((a) => a.kind === "quote");
    if (date && date.kind === "date") {
      const value = date.item.value;
      node = h(
        "time",
        {
          class: "date",
          datetime: /^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-W\d{2}$/.test(value) ? value : null,
          "data-value": `${value} (${date.item.granularity})`,
          title: `Resolved to ${value} (${date.item.granularity})`,
          tabindex: mention ? null : 0,
        },
        node,
      );
    }
    if (mention && mention.kind === "mention") {
      const entity = mention.item.entity;
      node = h(
        "a",
        {
          class: `mention t-${entity.type}`,
          href: `/entities/${entity.id}`,
          "data-type": entity.type,
          "data-entity": entity.id,
          title: `${entity.name} (${typeLabel(entity.type)})`,
        },
        node,
      );
    }
    for (const quote of quotes) {
      if (quote.kind !== "quote") continue;
      node = h(
        "mark",
        {
          class: `quote quote-${quote.item.kind}`,
          "data-quote": quote.item.id,
          "data-speaker": speakerName(quote.item),
          title: `Quote by ${speakerName(quote.item)} (${quote.item.kind})`,
        },
        node,
      );
    }
    for (const quote of quotes) {
      if (quote.kind === "quote" && quote.start === piece.start) out.appendChild(speakerLabel(quote.item));
    }
    out.appendChild(node);
  }
  return out;
}

/** Every annotation of an article for one of its fields. */
export function annotationsFor(
  field: string,
  detail: { mentions: Mention[]; quotes: Quote[]; dates: DateMention[] },
): Annotation[] {
  const all: Annotation[] = [
    ...detail.quotes.map((item) => ({ kind: "quote" as const, start: item.start, end: item.end, item })),
    ...detail.mentions.map((item) => ({ kind: "mention" as const, start: item.start, end: item.end, item })),
    ...detail.dates.map((item) => ({ kind: "date" as const, start: item.start, end: item.end, item })),
  ];
  return all.filter((a) => fieldOf(a.item) === field);
}
