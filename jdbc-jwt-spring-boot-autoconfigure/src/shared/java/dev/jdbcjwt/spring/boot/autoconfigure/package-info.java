/**
 * Spring Boot auto-configuration for the {@code jdbc:jwt:} driver: the typed {@code jdbc-jwt.*} properties
 * ({@link dev.jdbcjwt.spring.boot.autoconfigure.JdbcJwtProperties}) and the auto-configuration that wires the
 * HikariCP tuning, health and metrics.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.spring.boot.autoconfigure;
