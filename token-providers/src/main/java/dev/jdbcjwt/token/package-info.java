/**
 * Tokens and where they come from: {@link dev.jdbcjwt.token.Token}, the {@link dev.jdbcjwt.token.TokenSource}
 * interface, {@link dev.jdbcjwt.token.Secret} and {@link dev.jdbcjwt.token.TokenSources}, which builds the source a
 * configuration names.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.token;
