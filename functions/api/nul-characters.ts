/**
 * PostgreSQL text cannot hold U+0000, so a string with one would fail deep inside a query with
 * the database's own words. Validation refuses it first, naming the field. Returns the dotted
 * paths of every string (and uploaded file name) in `value` that contains one.
 */
export function fieldsWithNulCharacters(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [path.join(".") || "(body)"] : [];
  if (value instanceof File) return value.name.includes("\u0000") ? [[...path, "name"].join(".")] : [];
  if (Array.isArray(value))
    return value.flatMap((item, index) => fieldsWithNulCharacters(item, [...path, String(index)]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes("\u0000") ? [[...path, key].join(".")] : []),
      ...fieldsWithNulCharacters(item, [...path, key]),
    ]);
  }
  return [];
}
