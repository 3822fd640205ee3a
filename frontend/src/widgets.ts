// Widgets shared by the pages: messages, the entity picker (chips with autocomplete).
import { ApiError, type EntityBrief, type Schemas, apiGet } from "./client";
import { h } from "./dom";
import { typeLabel } from "./format";

export function loading(what = "Loading…"): HTMLElement {
  return h("p", { class: "loading", role: "status" }, what);
}

export function errorBox(error: unknown): HTMLElement {
  const detail = error instanceof ApiError ? error.detail : String(error);
  const title = error instanceof ApiError && error.status === 404 ? "Not found" : "Something went wrong";
  return h("div", { class: "notice error", role: "alert" }, h("strong", {}, `${title}: `), detail);
}

export function empty(text: string): HTMLElement {
  return h("p", { class: "empty" }, text);
}

let pickerCount = 0;

/**
 * Entity chips with autocomplete from `/v1/entities?q=` (an ARIA combobox: arrows move,
 * Enter picks, Escape closes). Each chip is a hidden `entity` input of the form.
 */
export function entityPicker(selected: EntityBrief[], label = "Entities"): HTMLElement {
  const id = `entity-picker-${++pickerCount}`;
  const chips = h("ul", { class: "chips", "aria-label": `Chosen ${label.toLowerCase()}` });
  const input = h("input", {
    id,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": `${id}-list`,
    placeholder: "Type a name…",
  });
  const list = h("ul", { id: `${id}-list`, role: "listbox", class: "suggestions", hidden: true });
  const status = h("span", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  let options: Schemas["EntityRead"][] = [];
  let active = -1;
  let timer = 0;
  let request = 0;

  function addChip(entity: EntityBrief): void {
    if (chips.querySelector(`input[value="${entity.id}"]`)) return;
    const chip = h(
      "li",
      { class: `chip t-${entity.type}` },
      h("input", { type: "hidden", name: "entity", value: entity.id }),
      h("span", {}, entity.name),
      h("span", { class: "chip-type" }, typeLabel(entity.type)),
      h(
        "button",
        {
          type: "button",
          class: "chip-remove",
          "aria-label": `Remove ${entity.name}`,
          onclick: () => {
            chip.remove();
            input.focus();
          },
        },
        "×",
      ),
    );
    chips.appendChild(chip);
  }

  function close(): void {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index: number): void {
    active = index;
    list.querySelectorAll("li").forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) input.setAttribute("aria-activedescendant", `${id}-opt-${index}`);
  }

  function pick(entity: EntityBrief): void {
    addChip(entity);
    input.value = "";
    close();
    status.textContent = `${entity.name} added`;
    input.focus();
  }

  async function suggest(): Promise<void> {
    const q = input.value.trim();
    const mine = ++request;
    if (q.length < 1) return close();
    try {
      const page = await apiGet("/v1/entities", { query: { q, limit: 8, sort: "-article_count" } });
      if (mine !== request) return;
      options = page.data;
    } catch {
      options = [];
    }
    list.replaceChildren(
      ...options.map((entity, i) =>
        h(
          "li",
          {
            id: `${id}-opt-${i}`,
            role: "option",
            "aria-selected": "false",
            class: `t-${entity.type}`,
            onmousedown: (event: Event) => {
              event.preventDefault();
              pick(entity);
            },
          },
          h("span", {}, entity.name),
          h("span", { class: "chip-type" }, `${typeLabel(entity.type)} · ${entity.article_count}`),
        ),
      ),
    );
    if (options.length === 0) list.appendChild(h("li", { class: "muted", role: "presentation" }, "No match"));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = `${options.length} suggestions`;
    highlight(options.length ? 0 : -1);
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void suggest(), 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      if (list.hidden) void suggest();
      else highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    } else if (event.key === "Backspace" && !input.value && chips.lastElementChild) {
      chips.lastElementChild.remove();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  for (const entity of selected) addChip(entity);

  return h(
    "div",
    { class: "field entity-picker" },
    h("label", { for: id }, label),
    h("div", { class: "picker-box" }, chips, input, list),
    status,
  );
}

/** The entities behind ids of a URL (shown as chips); unknown ids are dropped. */
export async function entitiesById(ids: number[], signal?: AbortSignal): Promise<EntityBrief[]> {
  const found = await Promise.all(
    ids.map((id) =>
      apiGet("/v1/entities/{entity_id}", { path: { entity_id: id } }, signal).catch(() => null),
    ),
  );
  return found.filter((e): e is NonNullable<typeof e> => e !== null);
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f-${++pickerCount}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint ? h("small", { id: hintId, class: "hint" }, hint) : null,
  );
}

/** Ids from a repeated query parameter. */
export function idsOf(params: URLSearchParams, name: string): number[] {
  return params
    .getAll(name)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}
