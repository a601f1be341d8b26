/** One deployable as the dev runner starts it: `apps/<service>/<role>/`. */
export interface DevApp {
  /** The service, e.g. `customers`; also the app's database name. */
  readonly service: string;
  /** The technical role, e.g. `cmdh` (DESIGN section 1). */
  readonly role: string;
  /** `<service>-<role>`: the Nx project, `SERVICE_NAME` and the gateway's upstream key. */
  readonly name: string;
  /** The app's directory, absolute. */
  readonly dir: string;
  /** Its entry point (`src/main.ts`), absolute. */
  readonly entry: string;
}
