/** Who is calling: the JWT subject and its roles. Commands carry it; the domain decides. */
export interface Actor {
  readonly sub: string;
  readonly roles: readonly string[];
}

export const hasRole = (actor: Actor, role: string): boolean => actor.roles.includes(role);
