// TypeIDs made in SQL, as the app makes them (a UUIDv7 carrying the row's createdAt, in Crockford base32), fast
// enough for a million rows (~5 µs a row): plain bigint arithmetic inlined into the statement, no function calls.
// The 130 bits of a TypeID's 26 digits are 2 zero bits + the 48-bit ms timestamp (digits 1-10), then 40 bits of
// version 7, 12 random bits, variant 10 and 22 random bits (digits 11-18), then 40 random bits (digits 19-26).
const ALPHABET = `'0123456789abcdefghjkmnpqrstvwxyz'`;

const base32 = (column: string, digits: number) =>
  Array.from({ length: digits }, (_, k) => `substr(${ALPHABET}, ((${column} >> ${5 * (digits - 1 - k)}) & 31)::int + 1, 1)`).join(" || ");

/**
 * `rows` must select a timestamptz column `at`; the result selects `id` (a TypeID with `prefix` for that time) and
 * every column of `rows`. random() runs in a subquery of its own, so it is evaluated once per row.
 */
export function withTypeIds(prefix: string, rows: string): string {
  return `SELECT '${prefix}_' || ${base32("id_ms", 10)} || ${base32("id_r1", 8)} || ${base32("id_r2", 8)} AS id, parts.*
    FROM (SELECT r.*, floor(extract(epoch FROM r.at) * 1000)::bigint AS id_ms,
            (7::bigint << 36) | (floor(random() * 4096)::bigint << 24) | (2::bigint << 22) | floor(random() * 4194304)::bigint AS id_r1,
            floor(random() * 1099511627776)::bigint AS id_r2
          FROM (${rows}) AS r) AS parts`;
}
