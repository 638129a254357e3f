// @ts-check
// A pg Client that lets the schema engine read PostgreSQL's system catalogs.
//
// adapter-pg maps every column's type OID to a Prisma column type and throws on the ones
// it does not know ("Column type 'char' could not be deserialized"). The schema engine
// queries catalog columns of exactly those types (indkey is int2vector, ...). Their text form
// is what the engine wants, so we report them as text. The one exception is "char"
// (pg_constraint.contype, ...): the engine reads it as a Character, a column type adapter-pg
// never produces. Its values arrive as CharValue objects, and restoreCharacterColumns() puts
// the Character type back on the adapter's result set.
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

/** A value of a PostgreSQL "char" column, marked so its column type can be restored. */
class CharValue extends String {}

const TEXT = 25;
const TEXT_ARRAY = 1009;
const NAME_ARRAY = 1003;
const CHAR = 18;
// "char", int2vector, regproc, xid, oidvector, pg_node_tree, regclass
const CATALOG_TYPES_READ_AS_TEXT = new Set([18, 22, 24, 28, 30, 194, 2205]);

/** @param {any} result */
function relabelCatalogColumns(result) {
  for (const field of result?.fields ?? []) {
    if (CATALOG_TYPES_READ_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT;
    else if (field.dataTypeID === NAME_ARRAY) field.dataTypeID = TEXT_ARRAY;
  }
  return result;
}

/**
 * name[] values must arrive parsed as arrays, like the text[] they are relabelled to, and
 * "char" values marked (see CharValue).
 * @param {any} config
 */
function parseNameArraysAsTextArrays(config) {
  const getTypeParser = config?.types?.getTypeParser;
  if (typeof getTypeParser !== "function") return config;
  return {
    ...config,
    types: {
      getTypeParser: (/** @type {number} */ oid, /** @type {any} */ format) => {
        if (oid === CHAR) return (/** @type {string} */ value) => new CharValue(value);
        if (oid === NAME_ARRAY) return pg.types.getTypeParser(/** @type {any} */ (TEXT_ARRAY), format);
        return getTypeParser(oid, format);
      },
    },
  };
}

export class CatalogFriendlyClient extends pg.Client {
  /**
   * @override
   * @param {any[]} args pg's overloads: (config | text, values?, callback?)
   * @returns {any}
   */
  query(...args) {
    let [config, values, callback] = args;
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    const adjusted = parseNameArraysAsTextArrays(config);
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (callback) {
      return super.query(adjusted, values, (/** @type {any} */ error, /** @type {any} */ result) =>
        callback(error, error ? result : relabelCatalogColumns(result)),
      );
    }
    return super.query(adjusted, values).then(relabelCatalogColumns);
  }
}

/**
 * Gives "char" columns of an adapter result set the Character type the engine expects.
 * @param {{ columnTypes: number[], rows: unknown[][] }} resultSet
 */
export function restoreCharacterColumns(resultSet) {
  for (const row of resultSet.rows) {
    row.forEach((value, index) => {
      if (value instanceof CharValue) {
        resultSet.columnTypes[index] = ColumnTypeEnum.Character;
        row[index] = value.valueOf();
      }
    });
  }
  return resultSet;
}
