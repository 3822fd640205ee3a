// Shared formatting: dates, entity types, links to entities.
import type { EntityBrief } from "./client";
import { h } from "./dom";

export const TYPE_LABELS: Record<string, string> = {
  PERSON: "person",
  ORG: "organisation",
  LOC: "place",
  MISC: "other",
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.toLowerCase();
}

const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const LONG_DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function utcDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : null;
}

/** "Fri 7 Jan 2022" for a full ISO day; partial dates ("2022-01", "2022-W02") as given. */
export function formatDay(iso: string | null | undefined, long = false): string {
  if (!iso) return "undated";
  const date = utcDate(iso);
  if (date) return (long ? LONG_DAY : DAY).format(date);
  const month = /^(\d{4})-(\d{2})$/.exec(iso);
  if (month) return MONTH.format(new Date(Date.UTC(+month[1], +month[2] - 1, 1)));
  return iso;
}

/** A `<time>` for an ISO date, its machine value in `datetime` when HTML accepts it. */
export function timeEl(iso: string | null | undefined, long = false): HTMLElement {
  if (!iso) return h("span", { class: "muted" }, "undated");
  const valid = /^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-W\d{2}$/.test(iso);
  return h("time", { datetime: valid ? iso : null }, formatDay(iso, long));
}

/** A link to an entity's page, coloured by its type. */
export function entityLink(entity: EntityBrief, text?: string): HTMLAnchorElement {
  return h(
    "a",
    {
      class: `entity-link t-${entity.type}`,
      href: `/entities/${entity.id}`,
      "data-type": entity.type,
      title: `${entity.name} (${typeLabel(entity.type)})`,
    },
    text ?? entity.name,
  );
}

export function typeBadge(type: string): HTMLElement {
  return h("span", { class: `badge t-${type}` }, typeLabel(type));
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}

/** Monday of the ISO week of a day, as YYYY-MM-DD. */
export function weekStart(iso: string): string | null {
  const date = utcDate(iso);
  if (!date) return null;
  const shift = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - shift);
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = utcDate(iso) ?? new Date(0);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
