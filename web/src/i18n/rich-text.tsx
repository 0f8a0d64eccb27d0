import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements inside it (a title in <strong>, a link): the message keeps its
 * placeholders ("{title} and all its messages…"), so each language puts them where its word order wants,
 * and the elements go in where the placeholders were. Never glue translated fragments together instead.
 *
 *   rich(t('delete.text', slots('title')), { title: <strong>{conversation.title}</strong> })
 */
const separator = '\u2063';

/** Values for `t` that mark where each element goes. */
export function slots<Name extends string>(...names: Name[]): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, `${separator}${name}${separator}`])) as Record<
    Name,
    string
  >;
}

export function rich(translated: string, elements: Readonly<Record<string, ReactNode>>): ReactNode {
  return translated
    .split(separator)
    .map((part, index) => (index % 2 === 1 ? <Fragment key={index}>{elements[part]}</Fragment> : part));
}
