// Writing XML answers (awsQuery and restXml services): escaping text, and elements built from optional parts, so a
// writer says what an answer holds without string plumbing. Absent members are left out, as AWS leaves them out.

/** Text as element content or an attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A member's value as AWS writes it: text escaped, numbers and booleans as they are; undefined: absent. */
export type XmlValue = string | number | boolean | undefined;

/** `<name>value</name>`, or '' when the value is undefined. */
export function xmlText(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  return `<${name}>${typeof value === 'string' ? escapeXml(value) : String(value)}</${name}>`;
}

/** `<name>children</name>` around already-written XML (children joined), or '' when `children` is undefined. */
export function xmlElement(name: string, children: string | readonly string[] | undefined): string {
  if (children === undefined) return '';
  return `<${name}>${typeof children === 'string' ? children : children.join('')}</${name}>`;
}

/** `<name><item>…</item>…</name>` (awsQuery lists use `member`); '' when the list is undefined. */
export function xmlList<T>(name: string, item: string, values: readonly T[] | undefined, write: (value: T) => string): string {
  if (values === undefined) return '';
  return `<${name}>${values.map((value) => `<${item}>${write(value)}</${item}>`).join('')}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
