/**
 * The shared refresh-ahead token cache: one cache per distinct token configuration ({@link
 * dev.jdbcjwt.token.cache.TokenCaches}), its builder and the events it reports to listeners.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.token.cache;
