// Events (`/events`): a timeline grouped by day, scheduled vs past, place and participants;
// filters by entity, type and range, and a calendar subscription with the same filters.
import { type Schemas, apiGet, apiUrl } from "../client";
import { h } from "../dom";
import { entityLink, formatDay, plural } from "../format";
import { formQuery, navigate } from "../nav";
import { empty, entitiesById, entityPicker, errorBox, field, idsOf } from "../widgets";
import type { PageContext } from "./page";

type Event = Schemas["EventRead"];

const TYPES = ["talks", "meeting", "summit", "press_conference", "election", "visit", "vote", "other"];

function label(type: string): string {
  return type.replace(/_/g, " ");
}

/** One event: title, type, status, place, participants, notes, its articles. */
export function eventCard(event: Event, withDate = false): HTMLElement {
  const status =
    event.status === "scheduled"
      ? "scheduled: announced before it took place"
      : "past: reported after it took place";
  return h(
    "article",
    { class: `event event-${event.status}`, id: `event-${event.id}`, "data-date": event.date },
    h(
      "h3",
      {},
      h("span", { class: "event-title" }, event.title),
      " ",
      h("span", { class: "badge" }, label(event.type)),
      " ",
      h("span", { class: `status status-${event.status}`, title: status }, event.status),
    ),
    withDate ? h("p", { class: "meta" }, formatDay(event.date, true)) : null,
    h(
      "dl",
      { class: "facts compact" },
      event.location ? [h("dt", {}, "Where"), h("dd", {}, entityLink(event.location))] : null,
      event.participants.length
        ? [
            h("dt", {}, "Who"),
            h("dd", {}, h("ul", { class: "inline-list" }, ...event.participants.map((p) => h("li", {}, entityLink(p))))),
          ]
        : null,
      event.notes.length ? [h("dt", {}, "Notes"), h("dd", {}, event.notes.join("; "))] : null,
      h("dt", {}, "Reported in"),
      h("dd", {}, h("a", { href: `/?event=${event.id}` }, plural(event.article_count, "article"))),
    ),
  );
}

function filtersForm(params: URLSearchParams, entities: Schemas["EntityBrief"][]): HTMLFormElement {
  const type = h(
    "select",
    { name: "type" },
    h("option", { value: "" }, "Any type"),
    ...TYPES.map((t) => h("option", { value: t, selected: params.get("type") === t }, label(t))),
  );
  const status = h(
    "select",
    { name: "status" },
    ...[
      ["", "Any status"],
      ["scheduled", "Scheduled (announced ahead)"],
      ["past", "Past (reported after)"],
    ].map(([value, text]) => h("option", { value, selected: (params.get("status") ?? "") === value }, text)),
  );
  const form = h(
    "form",
    { class: "search", action: "/events", method: "get", "aria-label": "Filter events" },
    h(
      "fieldset",
      { class: "filters" },
      h("legend", {}, "Filters"),
      entityPicker(entities, "Taking part"),
      field("Type", type),
      field("Status", status),
      field("From", h("input", { type: "date", name: "date_from", value: dateFrom(params) ?? "" })),
      field("To", h("input", { type: "date", name: "date_to", value: dateTo(params) ?? "" })),
      h("div", { class: "field field-button" }, h("button", { type: "submit", class: "primary" }, "Show events")),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    navigate(`/events${formQuery(form)}`);
  });
  return form;
}

// The API's names (`date_from`/`date_to`); `from`/`to`, its aliases, from older links.
const dateFrom = (params: URLSearchParams): string | null => params.get("date_from") ?? params.get("from");
const dateTo = (params: URLSearchParams): string | null => params.get("date_to") ?? params.get("to");

function dayGroup(date: string, events: Event[]): HTMLElement {
  const full = /^\d{4}-\d{2}-\d{2}$/.test(date);
  return h(
    "li",
    { class: "day", "data-date": date },
    h(
      "h2",
      { class: "day-heading" },
      h("time", { datetime: full ? date : null }, formatDay(date, true)),
      full ? h("span", { class: "iso" }, date) : null,
    ),
    h("div", { class: "day-events" }, ...events.map((e) => eventCard(e))),
  );
}

export async function eventsPage({ main, params, signal }: PageContext): Promise<string> {
  const entityIds = idsOf(params, "entity");
  const entities = await entitiesById(entityIds, signal);
  const statusParam = params.get("status");
  const query = {
    date_from: dateFrom(params),
    date_to: dateTo(params),
    entity: entityIds,
    type: params.get("type"),
    status: statusParam === "scheduled" || statusParam === "past" ? (statusParam as "scheduled" | "past") : null,
  };
  const calendar = apiUrl("/v1/events.ics", { query });
  const timeline = h("ol", { class: "timeline", "aria-label": "Events by day" });
  const more = h("div", { class: "pager" });
  main.replaceChildren(
    h("h1", {}, "Events"),
    filtersForm(params, entities),
    h(
      "p",
      { class: "subscribe" },
      h("a", { class: "button", href: calendar, type: "text/calendar" }, "Subscribe (iCalendar)"),
      " ",
      h("span", { class: "muted small" }, "A calendar feed of these events, with the same filters: ", h("code", {}, calendar)),
    ),
    timeline,
    more,
  );
  const groups = new Map<string, HTMLElement>();
  let cursor: string | null = null;
  let shown = 0;

  async function load(): Promise<void> {
    const page = await apiGet("/v1/events", { query: { ...query, sort: "date", limit: 100, cursor } }, signal);
    shown += page.data.length;
    const byDay = new Map<string, Event[]>();
    for (const event of page.data) byDay.set(event.date, [...(byDay.get(event.date) ?? []), event]);
    for (const [date, events] of byDay) {
      const group = groups.get(date);
      if (group) group.querySelector(".day-events")?.append(...events.map((e) => eventCard(e)));
      else {
        const created = dayGroup(date, events);
        groups.set(date, created);
        timeline.appendChild(created);
      }
    }
    cursor = page.next_cursor ?? null;
    more.replaceChildren(h("p", { class: "muted", role: "status" }, shown ? `${plural(shown, "event")} shown` : ""));
    if (cursor)
      more.appendChild(
        h(
            "button",
            {
              type: "button",
              onclick: () => {
                load().catch((error) => more.replaceChildren(errorBox(error)));
              },
            },
            "More events",
        ),
      );
    if (!shown) timeline.replaceWith(empty("No event matches these filters."));
  }

  await load().catch((error) => more.replaceChildren(errorBox(error)));
  return "Events";
}
