// A small HTML/SVG tokenizer and tree for the report tests: enough to check the structure of
// the markup the library writes (well nested, attributes quoted), not a general HTML parser.

/** An element of the tree. */
export interface HtmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (HtmlElement | string)[];
  readonly parent: HtmlElement | null;
}

const VOID = new Set(["meta", "br", "hr", "img", "input", "link", "area", "base", "col", "wbr"]);
const RAW = new Set(["style", "script", "textarea", "title"]);

/** Decode the character references the library writes (named and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|#39|nbsp);/g,
    (_, e: string) => {
      if (e === "amp") return "&";
      if (e === "lt") return "<";
      if (e === "gt") return ">";
      if (e === "quot") return '"';
      if (e === "apos") return "'";
      if (e === "nbsp") return "\u00a0";
      if (e.startsWith("#x")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
      return String.fromCodePoint(Number(e.slice(1)));
    },
  );
}

/**
 * Parse a document into a tree under a synthetic `#document` root. Throws on a closing tag
 * that does not match the open element, an unclosed element, an unquoted or repeated
 * attribute, or a stray `<` or `>`: the writer must produce well-formed markup.
 */
export function parseHtml(source: string): HtmlElement {
  const root: HtmlElement = { name: "#document", attributes: {}, children: [], parent: null };
  let current = root;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf("<", i);
    const textEnd = lt === -1 ? source.length : lt;
    if (textEnd > i) {
      const text = source.slice(i, textEnd);
      if (text.includes(">")) throw new Error(`stray '>' in text at ${i}`);
      current.children.push(decodeEntities(text));
    }
    if (lt === -1) break;
    if (source.startsWith("<!--", lt)) {
      const end = source.indexOf("-->", lt);
      if (end === -1) throw new Error("unclosed comment");
      i = end + 3;
      continue;
    }
    if (source.startsWith("<!", lt)) {
      const end = source.indexOf(">", lt);
      i = end + 1;
      continue;
    }
    if (source[lt + 1] === "/") {
      const end = source.indexOf(">", lt);
      const name = source
        .slice(lt + 2, end)
        .trim()
        .toLowerCase();
      if (name !== current.name) {
        throw new Error(`closing </${name}> at ${lt} while <${current.name}> is open`);
      }
      current = current.parent as HtmlElement;
      i = end + 1;
      continue;
    }
    const tag = /^<([A-Za-z][\w:-]*)/.exec(source.slice(lt, lt + 100));
    if (tag === null) throw new Error(`stray '<' at ${lt}`);
    const name = (tag[1] as string).toLowerCase();
    let j = lt + tag[0].length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const m = /^\s*(?:(\/?>)|([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?)/.exec(
        source.slice(j, j + 100_000),
      );
      if (m === null) throw new Error(`malformed tag <${name}> at ${lt}`);
      j += m[0].length;
      if (m[1] !== undefined) {
        const element: HtmlElement = { name, attributes, children: [], parent: current };
        current.children.push(element);
        if (m[1] === "/>" || VOID.has(name)) break;
        if (RAW.has(name)) {
          const close = source.toLowerCase().indexOf(`</${name}`, j);
          if (close === -1) throw new Error(`unclosed <${name}>`);
          const raw = source.slice(j, close);
          element.children.push(name === "title" ? decodeEntities(raw) : raw);
          j = source.indexOf(">", close) + 1;
          break;
        }
        current = element;
        break;
      }
      // An unquoted value (`a=b`) matches neither branch and fails above as malformed.
      const attr = (m[2] as string).toLowerCase();
      if (attr in attributes) throw new Error(`repeated attribute ${attr} in <${name}>`);
      attributes[attr] = decodeEntities(m[3] ?? m[4] ?? "");
    }
    i = j;
  }
  if (current !== root) throw new Error(`unclosed <${current.name}>`);
  return root;
}

/** Every element below `node` (depth first, document order). */
export function allElements(node: HtmlElement): HtmlElement[] {
  const out: HtmlElement[] = [];
  const walk = (n: HtmlElement): void => {
    for (const c of n.children) {
      if (typeof c !== "string") {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

/** Elements of a name (`'th'`), optionally with a class. */
export function findAll(node: HtmlElement, name: string, cls?: string): HtmlElement[] {
  return allElements(node).filter(
    (e) =>
      e.name === name &&
      (cls === undefined || (e.attributes.class ?? "").split(/\s+/).includes(cls)),
  );
}

/** The text content of an element (its text and its descendants'). */
export function textOf(node: HtmlElement): string {
  return node.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

/** The nearest ancestor of a name. */
export function ancestor(node: HtmlElement, name: string): HtmlElement | null {
  let p = node.parent;
  while (p !== null && p.name !== name) p = p.parent;
  return p;
}
