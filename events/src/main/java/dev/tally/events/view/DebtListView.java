package dev.tally.events.view;

import java.util.List;

/**
 * A page of debts, as {@code GET /debts} shows it.
 *
 * @param items      the debts of this page
 * @param nextCursor the cursor of the next page; absent on the last page
 */
public record DebtListView(List<DebtView> items, String nextCursor) {

    public DebtListView {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
