/**
 * A tiny XML parser for the charts' SVG: elements, attributes, text and the five predefined
 * entities plus numeric references. It throws on anything malformed (an unclosed or
 * mismatched tag, a bare `&` or `<` in text), so a test that parses a chart also checks
 * that it is well-formed XML.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decode(text: string): string {
  if (text.includes("<")) throw new Error(`bare < in ${JSON.stringify(text)}`);
  return text.replace(/&([^;\s&]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new Error(`bare & in ${JSON.stringify(text)}`);
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    const e = ENTITIES[name];
    if (e === undefined) throw new Error(`unknown entity &${name};`);
    return e;
  });
}

/** Parse one XML document (its root element). */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: {
    name: string;
    attributes: Record<string, string>;
    children: (XmlElement | string)[];
  }[] = [];
  let root: XmlElement | undefined;
  while (i < source.length) {
    if (source[i] !== "<") {
      const end = source.indexOf("<", i);
      const text = source.slice(i, end === -1 ? source.length : end);
      const top = stack.at(-1);
      if (top === undefined) {
        if (text.trim() !== "") throw new Error("text outside the root element");
      } else {
        top.children.push(decode(text));
      }
      i = end === -1 ? source.length : end;
      continue;
    }
    if (source.startsWith("</", i)) {
      const end = source.indexOf(">", i);
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new Error(`mismatched </${name}>`);
      const element: XmlElement = open;
      const parent = stack.at(-1);
      if (parent === undefined) root = element;
      else parent.children.push(element);
      i = end + 1;
      continue;
    }
    const match = /^<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/.exec(source.slice(i));
    if (match === null) throw new Error(`malformed tag at ${i}: ${source.slice(i, i + 40)}`);
    const attributes: Record<string, string> = {};
    for (const a of (match[2] ?? "").matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      const key = a[1] as string;
      if (key in attributes) throw new Error(`repeated attribute ${key}`);
      attributes[key] = decode(a[2] as string);
    }
    const element = {
      name: match[1] as string,
      attributes,
      children: [] as (XmlElement | string)[],
    };
    if (match[3] === "/") {
      const parent = stack.at(-1);
      if (parent === undefined) root = element;
      else parent.children.push(element);
    } else {
      stack.push(element);
    }
    i += match[0].length;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  if (root === undefined) throw new Error("no root element");
  return root;
}

/** Every element below (and including) `root`, in document order. */
export function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [root];
  for (const c of root.children) if (typeof c !== "string") out.push(...descendants(c));
  return out;
}

/** Elements with the given class among `root`'s descendants. */
export function byClass(root: XmlElement, className: string): XmlElement[] {
  return descendants(root).filter((e) => (e.attributes.class ?? "").split(" ").includes(className));
}

/** The concatenated text of an element. */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}

/** The first child element with the given name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => typeof c !== "string" && c.name === name);
}
