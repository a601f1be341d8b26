const placeholder = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/**
 * Replaces every `${NAME}` in a manifest's text with its value. Kubernetes' own `$(NAME)`
 * references (env var expansion) are left alone.
 *
 * @throws Error naming the file and a placeholder without a value, so nothing half-filled is
 *   ever applied.
 */
export function fillPlaceholders(
  text: string,
  values: Readonly<Record<string, string | number>>,
  file: string,
): string {
  return text.replace(placeholder, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${file}: no value for ${whole}`);
    return String(value);
  });
}
