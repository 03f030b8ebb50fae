package dev.tally.local.runtime.observability;

import java.util.List;

/** Pagination of the local APIs: a page of a list, and the offset of the next page as the token. */
final class Pages {

    private Pages() {}

    /** The offset a {@code nextToken} stands for (0 without one); -1 when it is not a token these APIs gave. */
    static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            return offset < 0 ? -1 : offset;
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /** The items from {@code offset}, at most {@code size}. */
    static <T> List<T> page(List<T> items, int offset, int size) {
        return items.subList(Math.min(offset, items.size()), Math.min(offset + size, items.size()));
    }

    /** The token of the page after this one, or null when this is the last. */
    static String next(List<?> items, int offset, int size) {
        return offset + size < items.size() ? Integer.toString(offset + size) : null;
    }
}
