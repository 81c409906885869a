/**
 * The starter's HikariCP pools: the post-processor that gives a {@code jdbc:jwt:} datasource the token-aware pool
 * and the pool class itself.
 *
 * <p>Internal to jdbc-jwt: public only so that Spring can create these beans; no compatibility promise, not in the
 * javadoc jar. Applications configure them through {@code spring.datasource.*} and {@code jdbc-jwt.*} properties.
 */
package dev.jdbcjwt.spring.boot.autoconfigure.hikari;
