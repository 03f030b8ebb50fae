package dev.tally.events.view;

/**
 * A user's totals in one currency, amounts as decimal strings ({@code net} may be negative,
 * e.g. {@code "-5.00"}).
 *
 * @param owedByMe     the outstanding total the user owes
 * @param owedToMe     the outstanding total owed to the user
 * @param net          {@code owedToMe - owedByMe}
 * @param openCount    the number of OPEN debts
 * @param overdueCount the number of OPEN debts whose due date is before today
 */
public record CurrencySummaryView(String owedByMe, String owedToMe, String net, long openCount, long overdueCount) {}
