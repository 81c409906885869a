/**
 * The option registry ({@link dev.jdbcjwt.token.config.JwtOption}) and the validated configuration ({@link
 * dev.jdbcjwt.token.config.TokenConfig}) that a {@link dev.jdbcjwt.token.spi.TokenSourceProvider} reads its options
 * from.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.token.config;
