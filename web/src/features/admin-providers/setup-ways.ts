/**
 * The three ways to give the tutor a model, in one list: the providers page's "Add a provider"
 * section is built from it, and the notices on the conversation screens and the owner's home link
 * to its anchors. Their words are the `provider-notice` namespace's (`way.<anchor>.title`,
 * `.description`). Kept free of imports so that linking to it costs those screens nothing.
 */
export type SetupWay = {
  /** The element id on the providers page, for `/admin/providers#<anchor>`. */
  anchor: 'add-key' | 'add-server' | 'local-model';
};

export const providersPath = '/admin/providers';

export const setupWays: readonly SetupWay[] = [
  { anchor: 'add-key' },
  { anchor: 'add-server' },
  { anchor: 'local-model' },
];

export function setupWayPath(way: Pick<SetupWay, 'anchor'>): string {
  return `${providersPath}#${way.anchor}`;
}
