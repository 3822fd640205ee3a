// Unit tests of the offsets → marked text logic (pure parts, no DOM), run by node's test
// runner after esbuild bundles this file with the TypeScript it imports (tests/explorer/).
import assert from "node:assert/strict";
import { test } from "node:test";
import { annotationsFor, fieldOf, segments } from "../src/evidence.ts";

const person = { id: 10, name: "Jens Stoltenberg", type: "PERSON" };
const mention = (start, end, extra = {}) => ({ text: "x", start, end, entity: person, ...extra });
const quote = (start, end, extra = {}) => ({
  id: 1, text: "q", start, end, kind: "direct", speaker: person, speaker_text: "Stoltenberg", ...extra,
});

test("a mention inside a quote cuts the text in three, the middle covered by both", () => {
  const q = { kind: "quote", start: 0, end: 20, item: quote(0, 20) };
  const m = { kind: "mention", start: 5, end: 9, item: mention(5, 9) };
  const pieces = segments(30, [q, m]);
  assert.deepEqual(
    pieces.map((p) => [p.start, p.end, p.annotations.map((a) => a.kind)]),
    [[0, 5, ["quote"]], [5, 9, ["quote", "mention"]], [9, 20, ["quote"]], [20, 30, []]],
  );
});

test("offsets outside the text or empty are ignored, never drawn", () => {
  const bad = [
    { kind: "mention", start: 8, end: 99, item: mention(8, 99) },
    { kind: "mention", start: 4, end: 4, item: mention(4, 4) },
    { kind: "mention", start: -1, end: 2, item: mention(-1, 2) },
  ];
  assert.deepEqual(segments(10, bad).map((p) => [p.start, p.end, p.annotations.length]), [[0, 10, 0]]);
});

test("items go to the field their `field` names, the body by default", () => {
  assert.equal(fieldOf(mention(0, 1)), "body");
  assert.equal(fieldOf(mention(0, 1, { field: "title" })), "title");
  const detail = {
    mentions: [mention(0, 4, { field: "title" }), mention(2, 6), mention(1, 3, { field: "standfirst" })],
    quotes: [quote(0, 10)],
    dates: [{ text: "vendredi", start: 3, end: 11, value: "2022-01-07", granularity: "day", field: "body" }],
  };
  assert.deepEqual(annotationsFor("title", detail).map((a) => [a.kind, a.start]), [["mention", 0]]);
  assert.deepEqual(annotationsFor("standfirst", detail).map((a) => [a.kind, a.start]), [["mention", 1]]);
  assert.deepEqual(
    annotationsFor("body", detail).map((a) => [a.kind, a.start]),
    [["quote", 0], ["mention", 2], ["date", 3]],
  );
});
