import { describe, expect, it } from 'vitest';
import { Ev, XmlCursor } from '../../../electron/read/xml-cursor';

/** Every element opened, with the attributes asked for, in document order; the reason when the cursor declines. */
function elements(xml: string, names: string[]): { name: string; attrs: (string | undefined)[] }[] | 'declined' {
  const seen: { name: string; attrs: (string | undefined)[] }[] = [];
  try {
    const cursor = new XmlCursor(xml);
    for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
      if (ev === Ev.Open) seen.push({ name: cursor.name, attrs: names.map((n) => cursor.attr(n)) });
    }
  } catch {
    return 'declined';
  }
  return seen;
}

describe('XmlCursor tags and attributes', () => {
  it('reads attributes however they are quoted and spaced, and steps over a > inside a value', () => {
    const xml = `<root a="1" b='two'><c r="A1"  s = "3"\n t="s"/><d x="1>2" y='"'/></root>`;
    expect(elements(xml, ['a', 'b', 'r', 's', 't', 'x', 'y'])).toEqual([
      { name: 'root', attrs: ['1', 'two', undefined, undefined, undefined, undefined, undefined] },
      { name: 'c', attrs: [undefined, undefined, 'A1', '3', 's', undefined, undefined] },
      { name: 'd', attrs: [undefined, undefined, undefined, undefined, undefined, '1>2', '"'] },
    ]);
  });

  it('decodes entities and blanks in values as saxes does', () => {
    expect(elements(`<root v="a&amp;b&#x4E2D;\tc" e=""/>`, ['v', 'e'])).toEqual([{ name: 'root', attrs: ['a&b中 c', ''] }]);
  });

  it('tells a self-closing tag from a / inside a value', () => {
    const xml = `<root><a p="x/"></a><b/></root>`;
    const cursor = new XmlCursor(xml);
    const events: string[] = [];
    const names = new Map([[Ev.Open, 'Open'], [Ev.Close, 'Close'], [Ev.Text, 'Text']]);
    for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) events.push(`${names.get(ev)}:${ev === Ev.Text ? cursor.text : cursor.name}`);
    expect(events).toEqual(['Open:root', 'Open:a', 'Close:a', 'Open:b', 'Close:b', 'Close:root']);
  });

  it('declines what exceljs would trip over', () => {
    for (const xml of [
      `<root a="1<2"/>`, // < in a value
      `<root a="1`, // no end
      `<root a="1" a="2"/>`, // the same attribute twice
      `<root a="1"b="2"/>`, // attributes run together
      `<root a=1/>`, // unquoted
      `<root a/>`, // no value
      `<root =""/>`, // no name
    ]) {
      expect(elements(xml, ['a', 'b']), xml).toBe('declined');
    }
  });
});
