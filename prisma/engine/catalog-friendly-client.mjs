// @ts-check
// A pg Client that lets the schema engine read PostgreSQL's system catalogs.
//
// adapter-pg maps every column's type OID to a Prisma column type and throws on the ones
// it does not know ("Column type 'char' could not be deserialized"). The schema engine
// queries catalog columns of exactly those types (pg_class.relkind is "char", indkey is
// int2vector, ...). Their text form is what the engine wants, so we report them as text.
import pg from "pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
const NAME_ARRAY = 1003;
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

/** name[] values must arrive parsed as arrays, like the text[] they are relabelled to. */
/** @param {any} config */
function parseNameArraysAsTextArrays(config) {
  const getTypeParser = config?.types?.getTypeParser;
  if (typeof getTypeParser !== "function") return config;
  return {
    ...config,
    types: {
      getTypeParser: (/** @type {number} */ oid, /** @type {any} */ format) =>
        oid === NAME_ARRAY
          ? pg.types.getTypeParser(/** @type {any} */ (TEXT_ARRAY), format)
          : getTypeParser(oid, format),
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
