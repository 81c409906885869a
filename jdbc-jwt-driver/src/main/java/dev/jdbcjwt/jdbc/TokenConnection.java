package dev.jdbcjwt.jdbc;

import java.time.Instant;
import java.util.Optional;

/**
 * What a physical connection opened by this driver knows about the token it logged in with. Reach it with
 * {@code connection.unwrap(TokenConnection.class)}, also through a pool's proxy.
 */
public interface TokenConnection {

  /**
   * When the token expires ({@code exp}); {@link dev.jdbcjwt.token.Token#UNKNOWN_EXPIRY} if nobody said.
   *
   * @return the expiry of the token this connection logged in with
   */
  Instant tokenExpiresAt();

  /**
   * When this connection stops being valid for pools: the expiry minus {@code jwt.clockSkew}.
   *
   * @return the expiry minus the clock skew
   */
  Instant tokenUsableUntil();

  /**
   * The token's subject, when it is a JWT with one.
   *
   * @return the {@code sub} claim; empty for opaque tokens
   */
  Optional<String> tokenSubject();

  /**
   * The id of the key that signed the token, when the token names one.
   *
   * @return the {@code kid} header; empty when there is none
   */
  Optional<String> tokenKeyId();

  /**
   * True once the token is within {@code jwt.clockSkew} of its expiry and the connection should therefore be retired:
   * the same rule as {@code isValid}, so never true with {@code jwt.onExpiry=none}. Cheap enough to ask on every
   * borrow: after the first call it reads a flag that a timer sets.
   *
   * @return true when the connection should be retired
   */
  boolean isTokenExpired();
}
