import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TypedConfirmField } from './TypedConfirmField';

describe('TypedConfirmField', () => {
  it('leaves the box empty (no placeholder with the answer) and names the answer in the hint below', () => {
    const html = renderToStaticMarkup(
      createElement(TypedConfirmField, { what: 'task identifier', expected: 'app1201-cdc', value: '', onChange: () => undefined }),
    );
    expect(html).not.toContain('placeholder');
    expect(html.match(/<input[^>]*>/)![0]).not.toContain('app1201-cdc');
    expect(html).toContain('The task identifier is <code>app1201-cdc</code>.');
  });
});
