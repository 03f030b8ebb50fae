package dev.tally.events.request;

import dev.tally.events.FieldUpdate;

/**
 * The {@code counterparty} object of {@code PATCH /debts/{debtId}} (merge patch):
 * {@code {name?, email?}}; {@code "email": null} clears the e-mail, the name cannot be cleared.
 *
 * @param name  the new display name, or unchanged
 * @param email the new e-mail, cleared, or unchanged
 */
public record CounterpartyPatchBody(FieldUpdate<String> name, FieldUpdate<String> email) {

    public CounterpartyPatchBody {
        name = name == null ? FieldUpdate.unchanged() : name;
        email = email == null ? FieldUpdate.unchanged() : email;
    }
}
