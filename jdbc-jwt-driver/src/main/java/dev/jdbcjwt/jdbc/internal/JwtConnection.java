package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.config.OnExpiry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The connection the driver returns: the vendor's connection plus the token it logged in with. Intercepts only
 * {@code isValid}, {@code close}, {@code abort}, {@code unwrap} and {@code isWrapperFor}; everything else goes straight
 * to the vendor's connection.
 */
public final class JwtConnection extends DelegatingConnection implements TokenConnection {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");

  private final Token token;
  private final Instant usableUntil;
  private final OnExpiry onExpiry;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Scheduler.Cancellable closer;
  /** Set once the token's usable time has passed; a pool asks on every borrow, so no clock is read for it. */
  private volatile boolean pastUsable;
  /** The timer that sets {@link #pastUsable}, armed on the first {@link #isTokenExpired()}; null until then. */
  private volatile Scheduler.Cancellable expiryTimer;

  public JwtConnection(Connection delegate, Token token, Duration clockSkew, OnExpiry onExpiry, Clock clock,
      Scheduler scheduler, Executor executor) {
    super(delegate);
    this.token = token;
    this.usableUntil = token.hasKnownExpiry() ? token.expiresAt().minus(clockSkew) : Instant.MAX;
    this.onExpiry = onExpiry;
    this.clock = clock;
    this.scheduler = scheduler;
    this.closer = onExpiry == OnExpiry.CLOSE && token.hasKnownExpiry()
        ? scheduler.schedule(() -> abortAtExpiry(executor), Duration.between(clock.instant(), token.expiresAt()))
        : null;
  }

  private void abortAtExpiry(Executor executor) {
    try {
      if (!delegate.isClosed()) {
        LOG.log(System.Logger.Level.DEBUG, "jdbc-jwt: closing a connection of {0} at its token''s expiry "
            + "(jwt.onExpiry=close)", token.subject().orElse("unknown subject"));
        delegate.abort(executor);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "jdbc-jwt: aborting an expired connection failed: {0}", e.toString());
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (isTokenExpired()) {
      return false;
    }
    return delegate.isValid(timeout);
  }

  @Override
  public void close() throws SQLException {
    cancelCloser();
    delegate.close();
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    cancelCloser();
    delegate.abort(executor);
  }

  private void cancelCloser() {
    if (closer != null) {
      closer.cancel();
    }
    Scheduler.Cancellable timer = expiryTimer;
    if (timer != null) {
      timer.cancel();
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    if (iface.isInstance(delegate)) {
      return iface.cast(delegate);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }

  @Override
  public Instant tokenExpiresAt() {
    return token.expiresAt();
  }

  @Override
  public Instant tokenUsableUntil() {
    return usableUntil;
  }

  @Override
  public Optional<String> tokenSubject() {
    return token.subject();
  }

  @Override
  public Optional<String> tokenKeyId() {
    return token.keyId();
  }

  /**
   * The one expiry rule of this connection, used by {@link #isValid} and by pools: false with {@code jwt.onExpiry=none}.
   * Pools ask this on every borrow, so after the first call it is a read of a flag that a timer sets when the token's
   * usable time passes (the first call reads the clock and arms the timer; connections nobody asks never get one).
   */
  @Override
  public boolean isTokenExpired() {
    if (onExpiry == OnExpiry.NONE) {
      return false;
    }
    if (pastUsable) {
      return true;
    }
    if (expiryTimer == null) {
      armExpiryTimer();
    }
    return pastUsable;
  }

  private synchronized void armExpiryTimer() {
    if (expiryTimer != null) {
      return;
    }
    if (usableUntil.equals(Instant.MAX)) {
      expiryTimer = NO_TIMER;
      return;
    }
    Duration left = Duration.between(clock.instant(), usableUntil);
    if (left.isNegative() || left.isZero()) {
      pastUsable = true;
      expiryTimer = NO_TIMER;
    } else {
      expiryTimer = scheduler.schedule(() -> pastUsable = true, left);
    }
  }

  private static final Scheduler.Cancellable NO_TIMER = () -> { };

  @Override
  public String toString() {
    return "JwtConnection[" + delegate + ", token " + token + "]";
  }
}
