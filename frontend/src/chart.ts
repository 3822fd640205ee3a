// Articles per week as an SVG bar chart, with the numbers in a table for screen readers.
import { h, svg } from "./dom";
import { addDays, plural, weekStart } from "./format";

const MAX_BARS = 160;
// A short history still gets a quarter of context, so one week is not one wide block.
const MIN_BARS = 13;

export function weekChart(dates: (string | null)[]): HTMLElement {
  const counts = new Map<string, number>();
  let undated = 0;
  for (const date of dates) {
    const week = date ? weekStart(date) : null;
    if (week) counts.set(week, (counts.get(week) ?? 0) + 1);
    else undated += 1;
  }
  if (counts.size === 0) return h("p", { class: "empty" }, "No dated article.");
  const weeks = [...counts.keys()].sort();
  const last = weeks[weeks.length - 1];
  // The most recent weeks when the history is longer than the chart can show.
  const earliest = addDays(last, -7 * (MAX_BARS - 1));
  let first = weeks[0] < earliest ? earliest : weeks[0];
  const shortest = addDays(last, -7 * (MIN_BARS - 1));
  if (first > shortest) first = shortest;
  const bars: [string, number][] = [];
  for (let week = first; week <= last; week = addDays(week, 7)) bars.push([week, counts.get(week) ?? 0]);
  const top = Math.max(...bars.map(([, n]) => n));
  const width = Math.max(bars.length * 24, 120);
  const height = 120;
  const barWidth = width / bars.length;
  const summary = `Articles per week from the week of ${bars[0][0]} to the week of ${bars[bars.length - 1][0]}; at most ${plural(top, "article")} in a week.`;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${height + 4}`, class: "chart", role: "img", "aria-label": summary, preserveAspectRatio: "none" },
    ...bars.map(([week, count], i) => {
      const barHeight = top ? (count / top) * height : 0;
      return svg(
        "rect",
        { x: i * barWidth + barWidth * 0.15, y: height - barHeight + 2, width: barWidth * 0.7, height: Math.max(barHeight, count ? 2 : 0.5), class: count ? "bar" : "bar zero" },
        svg("title", {}, `Week of ${week}: ${plural(count, "article")}`),
      );
    }),
  );
  return h(
    "figure",
    { class: "week-chart" },
    chart,
    h(
      "figcaption",
      { class: "chart-axis" },
      h("span", {}, `Week of ${bars[0][0]}`),
      h("span", {}, `max ${top}`),
      h("span", {}, `Week of ${bars[bars.length - 1][0]}`),
    ),
    h(
      "details",
      {},
      h("summary", {}, "Numbers"),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Week of"), h("th", { scope: "col" }, "Articles"))),
        h("tbody", {}, ...bars.filter(([, n]) => n).map(([week, n]) => h("tr", {}, h("td", {}, week), h("td", {}, n)))),
      ),
      undated ? h("p", {}, `${plural(undated, "article")} without a publication date.`) : null,
    ),
  );
}
