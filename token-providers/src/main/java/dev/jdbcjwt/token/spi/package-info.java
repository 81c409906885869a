/**
 * The service-provider interface for third-party token sources, found through {@link java.util.ServiceLoader}.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.token.spi;
