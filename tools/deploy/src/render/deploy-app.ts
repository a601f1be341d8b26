import type { AppSettings } from './values';

/** What rendering needs to know of an app (a discovered `DevApp` fits). */
export interface DeployApp {
  /** `<service>-<role>`: the name of every object of the app. */
  readonly name: string;
  readonly service: string;
  readonly role: string;
}

/** Everything one app's objects are rendered from. */
export interface AppRenderInput {
  readonly app: DeployApp;
  readonly settings: AppSettings;
  readonly namespace: string;
  /** The full image reference, `<repository>/<app>:<tag>`. */
  readonly image: string;
  readonly imageTag: string;
  readonly pullPolicy: string;
  /** The other apps of the same service, which get `<ROLE>_URL` of each other. */
  readonly siblings: readonly DeployApp[];
}

/** The field manager and `managed-by` label of everything the deploy tool applies. */
export const fieldManager = 'cqrs-deploy';

/** Labels of every object of an app; the selector is the first one alone. */
export const appLabels = (app: DeployApp): Record<string, string> => ({
  'app.kubernetes.io/name': app.name,
  'app.kubernetes.io/component': app.role,
  'app.kubernetes.io/part-of': app.service,
  'app.kubernetes.io/managed-by': fieldManager,
});

/** Selects an app's pods (never changes, since a Deployment's selector is immutable). */
export const appSelector = (app: DeployApp): Record<string, string> => ({
  'app.kubernetes.io/name': app.name,
});

/** A label selector string for everything of one app, e.g. for listing its ReplicaSets. */
export const appSelectorString = (app: Pick<DeployApp, 'name'>): string =>
  `app.kubernetes.io/name=${app.name}`;

/** Prefix of our own annotations. */
export const annotationPrefix = 'cqrs-platform';
