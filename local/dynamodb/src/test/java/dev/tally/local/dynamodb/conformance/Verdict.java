package dev.tally.local.dynamodb.conformance;

/** How one server's result for one case compares. */
enum Verdict {
    /** The result every other server is compared with (the server under test, on a case with no documented result). */
    BASELINE("baseline"),
    /** Equal to the baseline or to the documented result. */
    AGREE("agree"),
    /** Differs from the documented result in the way the known-deviations list records, with its AWS doc. */
    DEVIATE_DOCUMENTED("deviate-documented"),
    /** Listed as deviating or defective but now equal to the expected result: the list entry should be removed. */
    STALE_ENTRY("agree (stale list entry)"),
    /** The server under test differs in a way {@code known-defects.json} tracks (a bug to fix, not a deviation). */
    KNOWN_DEFECT("known defect (tracked)"),
    /** Differs with no recorded explanation: fails the suite. */
    DISAGREE("DISAGREE");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
