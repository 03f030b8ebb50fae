package dev.tally.api.auth;

/**
 * The 201 answer of {@code POST /auth/register}: {@code {"userId"}}.
 *
 * @param userId the new user's id
 */
public record RegisteredView(String userId) {}
