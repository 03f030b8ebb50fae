/**
 * Seeded property checks over plain JUnit 5: {@link dev.tally.testkit.Generator}s draw from a
 * {@link dev.tally.testkit.Source}, {@link dev.tally.testkit.PropertyCheck#forAll} runs a property
 * over many samples and names the seed that reproduces a failure. See ADR 0160.
 */
package dev.tally.testkit;
