/**
 * HikariCP integration: an expiry-aware pool, the pool settings derived from the token lifetime, and a {@code
 * HikariCredentialsProvider}. HikariCP is an optional dependency.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.jdbc.hikari;
