/**
 * Sets {@code spring.datasource.driver-class-name} to the jdbc-jwt driver for {@code jdbc:jwt:} URLs (one class per
 * Spring Boot line).
 *
 * <p>Internal to jdbc-jwt: public only so that Spring can load it; no compatibility promise, not in the javadoc jar.
 */
package dev.jdbcjwt.spring.boot.autoconfigure.jdbc;
