/** The contact fields a change may carry; `phone: null` removes the phone number. */
export interface ContactChange {
  readonly name?: string | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | null | undefined;
}

/**
 * Whether a contact-details change names at least one field. Shared by the command and the
 * `PATCH` body so both refuse `{}` the same way.
 */
export const hasContactChange = (change: ContactChange): boolean =>
  change.name !== undefined || change.email !== undefined || change.phone !== undefined;

/** The validation issue for an empty change, pinned to the body root. */
export const contactChangeMessage = {
  message: 'name, email or phone must be given',
  path: [] as PropertyKey[],
};
