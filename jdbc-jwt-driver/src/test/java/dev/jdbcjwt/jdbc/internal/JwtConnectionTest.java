package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.config.OnExpiry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class JwtConnectionTest {

  interface VendorConnection extends Connection {
  }

  private final FakeClock time = new FakeClock(Instant.now());
  private final Scheduler scheduler = (task, delay) -> time.schedule(task, delay)::run;
  private final AtomicInteger aborts = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger validations = new AtomicInteger();

  private Connection vendor() {
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VendorConnection.class},
        (proxy, m, args) -> switch (m.getName()) {
          case "isValid" -> {
            validations.incrementAndGet();
            yield true;
          }
          case "abort" -> {
            aborts.incrementAndGet();
            yield null;
          }
          case "close" -> {
            closes.incrementAndGet();
            yield null;
          }
          case "isClosed" -> closes.get() + aborts.get() > 0;
          case "unwrap" -> throw new java.sql.SQLException("not a wrapper for " + args[0]);
          case "isWrapperFor" -> false;
          case "getSchema" -> "public";
          default -> null;
        });
  }

  private JwtConnection open(OnExpiry onExpiry) throws Exception {
    Token token = Token.fromJwt(TestIssuer.shared().mint("app", b -> b
        .expirationTime(java.util.Date.from(time.instant().plusSeconds(100)))));
    return new JwtConnection(vendor(), token, Duration.ofSeconds(30), onExpiry, time, scheduler, Runnable::run);
  }

  @Test
  void evictTurnsInvalidWithinTheSkewOfExpiryButStaysUsable() throws Exception {
    JwtConnection c = open(OnExpiry.EVICT);
    time.advance(Duration.ofSeconds(69));
    assertThat(c.isValid(1)).isTrue();
    assertThat(c.isTokenExpired()).isFalse();
    time.advance(Duration.ofSeconds(2));
    assertThat(c.isValid(1)).isFalse();
    assertThat(c.isTokenExpired()).isTrue();
    assertThat(c.getSchema()).isEqualTo("public"); // a holder can still use it
    time.advance(Duration.ofSeconds(60));
    assertThat(aborts).hasValue(0);
  }

  @Test
  void askingForExpiryOnEveryBorrowReadsTheClockOnceAndATimerFlipsIt() throws Exception {
    AtomicInteger clockReads = new AtomicInteger();
    java.time.Clock counting = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return time.getZone();
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        clockReads.incrementAndGet();
        return time.instant();
      }
    };
    Token token = Token.fromJwt(TestIssuer.shared().mint("app", b -> b
        .expirationTime(java.util.Date.from(time.instant().plusSeconds(100)))));
    JwtConnection c = new JwtConnection(vendor(), token, Duration.ofSeconds(30), OnExpiry.EVICT,
        counting, scheduler, Runnable::run);
    for (int i = 0; i < 1000; i++) {
      assertThat(c.isTokenExpired()).isFalse();
    }
    assertThat(clockReads).hasValue(1);
    time.advance(Duration.ofSeconds(70));
    assertThat(c.isTokenExpired()).isTrue();
    assertThat(clockReads).hasValue(1);
  }

  @Test
  void closingCancelsTheExpiryTimer() throws Exception {
    JwtConnection c = open(OnExpiry.EVICT);
    c.isTokenExpired();
    assertThat(time.pending()).hasSize(1);
    c.close();
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void noneKeepsAskingTheVendor() throws Exception {
    JwtConnection c = open(OnExpiry.NONE);
    time.advance(Duration.ofSeconds(200));
    assertThat(c.isValid(1)).isTrue();
    assertThat(c.isTokenExpired()).as("pools (JwtHikariDataSource evicts on borrow) follow the same rule as isValid")
        .isFalse();
    assertThat(validations).hasValue(1);
    assertThat(aborts).hasValue(0);
  }

  @Test
  void closeAbortsTheConnectionAtTheTokensExpiryEvenWhenHeld() throws Exception {
    JwtConnection c = open(OnExpiry.CLOSE);
    time.advance(Duration.ofSeconds(99));
    assertThat(aborts).hasValue(0);
    time.advance(Duration.ofSeconds(1));
    assertThat(aborts).hasValue(1);
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void closingFirstCancelsTheScheduledAbort() throws Exception {
    JwtConnection c = open(OnExpiry.CLOSE);
    c.close();
    time.advance(Duration.ofSeconds(200));
    assertThat(closes).hasValue(1);
    assertThat(aborts).hasValue(0);
  }

  @Test
  void unwrapReachesTheTokenMetadataAndTheVendorConnection() throws Exception {
    JwtConnection c = open(OnExpiry.EVICT);
    TokenConnection meta = c.unwrap(TokenConnection.class);
    assertThat(meta.tokenSubject()).contains("app");
    assertThat(meta.tokenKeyId()).contains(TestIssuer.shared().keyId());
    assertThat(meta.tokenUsableUntil()).isEqualTo(meta.tokenExpiresAt().minusSeconds(30));
    assertThat(c.isWrapperFor(VendorConnection.class)).isTrue();
    assertThat(c.unwrap(VendorConnection.class)).isNotNull().isNotSameAs(c);
    assertThat(c.toString()).doesNotContain("eyJ");
  }
}
