/**
 * The JDBC driver ({@link dev.jdbcjwt.jdbc.JwtDriver}, URL {@code jdbc:jwt:<vendor-url>}), its {@link
 * javax.sql.DataSource} and the {@link dev.jdbcjwt.jdbc.TokenConnection} view of a connection.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.jdbc;
