/**
 * Micrometer metrics of the token sources and of the connections retired for their token.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.spring.boot.autoconfigure.metrics;
