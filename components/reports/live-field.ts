import { mergeAttributes, Node } from "@tiptap/core";

/**
 * 数据字段: a figure of the report inside the narrative, `<span data-metric="KEY">165</span>`.
 * An atom, so the editor shows it as one chip that cannot be typed into: the number is the
 * table's, refreshed by the server (fillLiveFields) on every save and publication, and the
 * narrative check never mistakes it for a number typed by hand.
 */
export const LiveField = Node.create<{ labels: Record<string, string> }>({
  name: "liveField",
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return { labels: {} };
  },

  addAttributes() {
    return {
      metric: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-metric"),
        renderHTML: (attrs) => ({ "data-metric": attrs.metric }),
      },
      value: {
        default: "",
        parseHTML: (el) => el.textContent ?? "",
        renderHTML: () => ({}),
      },
    };
  },

  parseHTML() {
    return [{ tag: "span[data-metric]" }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes), String(node.attrs.value ?? "")];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("span");
      const metric = String(node.attrs.metric ?? "");
      dom.dataset.metric = metric;
      dom.textContent = String(node.attrs.value || "—");
      dom.contentEditable = "false";
      dom.title = `数据字段：${this.options.labels[metric] ?? metric}（随报表数据自动更新）`;
      return { dom };
    };
  },

  renderText({ node }) {
    return String(node.attrs.value ?? "");
  },
});

/** The chip look, on the editor's wrapper and on previews: a field is visibly not typed text. */
export const LIVE_FIELD_STYLES =
  "[&_[data-metric]]:rounded [&_[data-metric]]:bg-blue-50 [&_[data-metric]]:px-1 [&_[data-metric]]:font-medium [&_[data-metric]]:text-blue-900 [&_[data-metric]]:ring-1 [&_[data-metric]]:ring-blue-300";
