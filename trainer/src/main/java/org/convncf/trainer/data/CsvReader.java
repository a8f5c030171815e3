package org.convncf.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a user's own interaction log: delimited text with columns {@code user,item[,timestamp]}.
 *
 * <ul>
 *   <li>Delimiter: given, or detected from the first line (tab, then ';', else ',').</li>
 *   <li>Header: optional. The first line is a header when one of its fields is a known column name
 *       ({@code user, user_id, userId, item, item_id, itemId, movieId, timestamp, time, ts, rating});
 *       then columns are found by name and others are ignored. Without a header the columns are
 *       positional: user, item, then an optional timestamp; more columns need {@link Options#columns}.</li>
 *   <li>Fields may be double-quoted (RFC 4180, {@code ""} escapes a quote).</li>
 *   <li>Timestamps: integers (any unit, only their order matters) or ISO-8601 instants, date-times
 *       (read as UTC) or dates, converted to epoch seconds.</li>
 * </ul>
 */
public final class CsvReader {

    /** A column's meaning. */
    public enum Column { USER, ITEM, TIMESTAMP, RATING, IGNORE }

    /**
     * @param delimiter  the field separator, or 0 to detect it
     * @param columns    explicit column roles (overrides the header and positional rules), or null
     * @param minRating  rows whose rating column is below this are dropped (and counted in the log)
     */
    public record Options(char delimiter, List<Column> columns, double minRating) {
        public static final Options DEFAULT = new Options((char) 0, null, Double.NEGATIVE_INFINITY);

        /** Parses a spec such as {@code user,item,-,timestamp} ({@code -} ignores a column). */
        public static List<Column> parseColumns(String spec) {
            List<Column> roles = new ArrayList<>();
            for (String s : spec.split(",")) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                roles.add(switch (t) {
                    case "user" -> Column.USER;
                    case "item" -> Column.ITEM;
                    case "timestamp", "time", "ts" -> Column.TIMESTAMP;
                    case "rating" -> Column.RATING;
                    case "-", "ignore", "" -> Column.IGNORE;
                    default -> throw new IllegalArgumentException("unknown column role '" + s.trim()
                            + "' (expected user, item, timestamp, rating or -)");
                });
            }
            if (roles.stream().filter(r -> r == Column.USER).count() != 1
                    || roles.stream().filter(r -> r == Column.ITEM).count() != 1) {
                throw new IllegalArgumentException("columns '" + spec + "' must name exactly one user and one item column");
            }
            return List.copyOf(roles);
        }
    }

    private static final Set<String> USER_NAMES = Set.of("user", "user_id", "userid", "uid");
    private static final Set<String> ITEM_NAMES = Set.of("item", "item_id", "itemid", "iid", "movieid", "movie_id");
    private static final Set<String> TIME_NAMES = Set.of("timestamp", "time", "ts", "datetime", "date");
    private static final Set<String> RATING_NAMES = Set.of("rating", "score", "stars");

    private CsvReader() {
    }

    public static LoadedDataset read(String name, Path file, Options options) throws IOException {
        InteractionsBuilder out = new InteractionsBuilder();
        long[] dropped = {0};
        try (TextLines lines = TextLines.open(file)) {
            String first = lines.next();
            while (first != null && first.isBlank()) {
                first = lines.next();
            }
            if (first == null) {
                throw TextLines.error(file, 0, "file is empty");
            }
            char delimiter = options.delimiter() != 0 ? options.delimiter() : detectDelimiter(first);
            List<String> firstFields = split(file, lines.lineNumber(), first, delimiter);
            List<Column> roles = options.columns();
            boolean header = isHeader(firstFields);
            if (roles == null) {
                long firstLine = lines.lineNumber();
                roles = header ? rolesFromHeader(file, firstLine, firstFields)
                        : positionalRoles(file, firstLine, firstFields.size());
            }
            int userCol = roles.indexOf(Column.USER);
            int itemCol = roles.indexOf(Column.ITEM);
            int timeCol = roles.indexOf(Column.TIMESTAMP);
            int ratingCol = roles.indexOf(Column.RATING);
            String line = header ? lines.next() : first;
            while (line != null) {
                long n = lines.lineNumber();
                if (!line.isBlank()) {
                    List<String> f = split(file, n, line, delimiter);
                    if (f.size() != roles.size()) {
                        throw TextLines.error(file, n, "expected " + roles.size() + " fields, found " + f.size());
                    }
                    String user = f.get(userCol).strip();
                    String item = f.get(itemCol).strip();
                    NcfReader.requireId(file, n, user, "user");
                    NcfReader.requireId(file, n, item, "item");
                    if (ratingCol >= 0 && TextLines.parseDouble(file, n, f.get(ratingCol), "rating") < options.minRating()) {
                        dropped[0]++;
                    } else if (timeCol >= 0) {
                        out.add(user, item, parseTime(file, n, f.get(timeCol)));
                    } else {
                        out.add(user, item);
                    }
                }
                line = lines.next();
            }
        }
        Interactions interactions = out.build();
        if (interactions.size() == 0) {
            throw TextLines.error(file, 0, "no interactions" + (dropped[0] > 0 ? " (" + dropped[0] + " below min-rating)" : ""));
        }
        return new LoadedDataset(name, interactions, null, null, out.duplicates());
    }

    static char detectDelimiter(String line) {
        if (line.indexOf('\t') >= 0) {
            return '\t';
        }
        if (line.indexOf(';') >= 0 && line.indexOf(',') < 0) {
            return ';';
        }
        return ',';
    }

    private static boolean isHeader(List<String> fields) {
        for (String f : fields) {
            String t = f.strip().toLowerCase(Locale.ROOT);
            if (USER_NAMES.contains(t) || ITEM_NAMES.contains(t) || TIME_NAMES.contains(t) || RATING_NAMES.contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static List<Column> rolesFromHeader(Path file, long line, List<String> fields) throws DataFileException {
        List<Column> roles = new ArrayList<>();
        for (String f : fields) {
            String t = f.strip().toLowerCase(Locale.ROOT);
            Column c = USER_NAMES.contains(t) ? Column.USER
                    : ITEM_NAMES.contains(t) ? Column.ITEM
                    : TIME_NAMES.contains(t) ? Column.TIMESTAMP
                    : RATING_NAMES.contains(t) ? Column.RATING
                    : Column.IGNORE;
            if (c != Column.IGNORE && roles.contains(c)) {
                throw TextLines.error(file, line, "header names the " + c.name().toLowerCase(Locale.ROOT) + " column twice");
            }
            roles.add(c);
        }
        if (!roles.contains(Column.USER) || !roles.contains(Column.ITEM)) {
            throw TextLines.error(file, line, "header must name a user column and an item column, found " + fields);
        }
        return roles;
    }

    private static List<Column> positionalRoles(Path file, long line, int n) throws DataFileException {
        return switch (n) {
            case 2 -> List.of(Column.USER, Column.ITEM);
            case 3 -> List.of(Column.USER, Column.ITEM, Column.TIMESTAMP);
            default -> throw TextLines.error(file, line, "found " + n + " fields without a header; expected"
                    + " user,item[,timestamp] (use a header or an explicit column list for other layouts)");
        };
    }

    static long parseTime(Path file, long line, String field) throws DataFileException {
        String s = field.strip();
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-') && s.chars().skip(1).allMatch(Character::isDigit)) {
            return TextLines.parseLong(file, line, s, "timestamp");
        }
        try {
            return Instant.parse(s).getEpochSecond();
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw TextLines.error(file, line, "timestamp '" + TextLines.abbreviate(s)
                    + "' is neither an integer nor an ISO-8601 date or time");
        }
    }

    /** Splits one line on {@code delimiter}, honouring RFC 4180 double quotes. */
    static List<String> split(Path file, long line, String s, char delimiter) throws DataFileException {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(cur.toString());
                cur.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                throw TextLines.error(file, line, "unexpected character after a closing quote in field " + (fields.size() + 1));
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw TextLines.error(file, line, "unterminated quoted field " + (fields.size() + 1));
        }
        fields.add(cur.toString());
        return fields;
    }
}
