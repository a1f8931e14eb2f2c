// Names and literals in each target's syntax: Python strings, PySpark column references, Flink
// SQL identifiers (backticks) and Feldera SQL identifiers (double quotes), SQL string literals.

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Words that are reserved (or mean something) in Flink SQL or Feldera SQL, so a column named
 * after one is quoted. Quoting more than needed is harmless; missing one is a parse error.
 */
const RESERVED = new Set(
  (
    'all and any as asc between by case cast count current date day desc distinct end event ' +
    'exists false first from group having hop hour interval join key last left like limit ' +
    'max min minute month not null offset on or order over partition position range result ' +
    'right row rows second select session start sum avg system table time timestamp to true ' +
    'tumble union user value values when where window with year'
  ).split(' '),
);

/** A Python string literal (JSON's escapes are valid Python). */
export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A PySpark column: F.col("name"), with backticks when the name has dots or spaces. */
export function pyCol(name: string): string {
  return `F.col(${pyString(SIMPLE.test(name) ? name : `\`${name.replaceAll('`', '``')}\``)})`;
}

/** A Python literal for a filter value. */
export function pyLiteral(value: string | number | boolean): string {
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** A Flink SQL identifier, in backticks when reserved or not a plain name. */
export function flinkId(name: string): string {
  if (SIMPLE.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return `\`${name.replaceAll('`', '``')}\``;
}

/**
 * A Feldera SQL identifier. Feldera folds unquoted names to lower case, so a name with capitals
 * is quoted too, or it would no longer match the JSON field of the same name.
 */
export function felderaId(name: string): string {
  if (SIMPLE.test(name) && name === name.toLowerCase() && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL literal for a filter value. */
export function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
}
