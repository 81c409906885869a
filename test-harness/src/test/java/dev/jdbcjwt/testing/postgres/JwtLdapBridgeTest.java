package dev.jdbcjwt.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;

import dev.jdbcjwt.testing.TestIssuer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge spoken to directly over LDAP, as PostgreSQL's {@code ldap} method does (simple bind). */
class JwtLdapBridgeTest {

  private final TestIssuer issuer = TestIssuer.shared();
  private JwtLdapBridge bridge;

  @BeforeEach
  void start() {
    bridge = JwtLdapBridge.start(issuer.trustPolicy());
  }

  @AfterEach
  void stop() {
    bridge.close();
  }

  @Test
  void listensOnLoopback() {
    assertThat(bridge.host()).isEqualTo("127.0.0.1");
    assertThat(bridge.port()).isPositive();
    assertThat(JwtLdapBridge.bindDn("dave")).isEqualTo("cn=dave,dc=jwt,dc=test");
  }

  @Test
  void aValidTokenBindsAndIsCounted() throws LDAPException {
    try (LDAPConnection c = connect()) {
      assertThat(c.bind(JwtLdapBridge.bindDn("dave"), issuer.mint("dave")).getResultCode())
          .isEqualTo(ResultCode.SUCCESS);
      assertThat(c.bind(JwtLdapBridge.bindDn("erin"), issuer.mint("erin")).getResultCode())
          .isEqualTo(ResultCode.SUCCESS);
    }
    assertThat(bridge.successfulBinds()).isEqualTo(2);
    assertThat(bridge.successfulBinds("dave")).isEqualTo(1);
    assertThat(bridge.failedBinds()).isZero();
    assertThat(bridge.lastRejection("dave")).isEmpty();
  }

  @Test
  void tokensOfSeveralKilobytesBind() throws LDAPException {
    String token = issuer.mint("dave", b -> b.claim("padding", "y".repeat(8_000)));
    assertThat(token.length()).isGreaterThan(8_000);
    try (LDAPConnection c = connect()) {
      assertThat(c.bind(JwtLdapBridge.bindDn("dave"), token).getResultCode()).isEqualTo(ResultCode.SUCCESS);
    }
  }

  @Test
  void aRefusedTokenGivesInvalidCredentialsAndARecordedReason() throws LDAPException {
    String token = issuer.mint("erin");
    try (LDAPConnection c = connect()) {
      LDAPException refused = catchThrowableOfType(LDAPException.class,
          () -> c.bind(JwtLdapBridge.bindDn("dave"), token));
      assertThat(refused.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
      assertThat(refused.getResultCode().intValue()).isEqualTo(49);
      assertThat(refused.getDiagnosticMessage()).contains("sub claim").doesNotContain(token);
    }
    assertThat(bridge.failedBinds()).isEqualTo(1);
    assertThat(bridge.failedBinds("dave")).isEqualTo(1);
    assertThat(bridge.successfulBinds()).isZero();
    assertThat(bridge.lastRejection("dave")).hasValueSatisfying(r ->
        assertThat(r).startsWith("claims rejected").doesNotContain(token));
  }

  @Test
  void theLastRejectionIsKept() throws LDAPException {
    TestIssuer stranger = TestIssuer.generate(issuer.issuer(), issuer.audience());
    try (LDAPConnection c = connect()) {
      catchThrowableOfType(LDAPException.class, () -> c.bind(JwtLdapBridge.bindDn("dave"), issuer.mint("erin")));
      catchThrowableOfType(LDAPException.class, () -> c.bind(JwtLdapBridge.bindDn("dave"), stranger.mint("dave")));
    }
    assertThat(bridge.lastRejection("dave")).hasValueSatisfying(r -> assertThat(r).startsWith("untrusted signature"));
    assertThat(bridge.failedBinds("dave")).isEqualTo(2);
  }

  @Test
  void aBindOutsideTheExpectedTreeIsRefused() throws LDAPException {
    try (LDAPConnection c = connect()) {
      LDAPException refused = catchThrowableOfType(LDAPException.class,
          () -> c.bind("uid=dave,ou=people,dc=example", issuer.mint("dave")));
      assertThat(refused.getResultCode()).isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }
    assertThat(bridge.lastRejection("uid=dave,ou=people,dc=example"))
        .hasValueSatisfying(r -> assertThat(r).contains("bind DN"));
  }

  @Test
  void otherOperationsAreRefused() throws LDAPException {
    try (LDAPConnection c = connect()) {
      assertThatThrownBy(() -> c.search("dc=jwt,dc=test", SearchScope.SUB, "(cn=*)"))
          .isInstanceOfSatisfying(LDAPException.class,
              e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.UNWILLING_TO_PERFORM));
    }
  }

  @Test
  void neverKeepsTheJvmAlive() {
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(t -> t.getName().contains("port " + bridge.port()))
        .isNotEmpty()
        .allMatch(Thread::isDaemon);
  }

  @Test
  void closingStopsListening() {
    int port = bridge.port();
    bridge.close();
    assertThatThrownBy(() -> new LDAPConnection(bridge.host(), port).close()).isInstanceOf(LDAPException.class);
  }

  private LDAPConnection connect() throws LDAPException {
    return new LDAPConnection(bridge.host(), bridge.port());
  }
}
