package dev.jdbcjwt.token.providers.http;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.net.HostClassifier;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointsTest {

  private static final HttpSettings STRICT = new HttpSettings(Duration.ofSeconds(1), 1024, false, Optional.empty());

  @Test
  void loopbackIsLocalhostAnd127Slash8AndIpv6One() {
    assertThat(Endpoints.isLoopback("localhost")).isTrue();
    assertThat(Endpoints.isLoopback("LOCALHOST")).isTrue();
    assertThat(Endpoints.isLoopback("127.0.0.1")).isTrue();
    assertThat(Endpoints.isLoopback("127.10.20.30")).isTrue();
    assertThat(Endpoints.isLoopback("[::1]")).isTrue();
    assertThat(Endpoints.isLoopback("128.0.0.1")).isFalse();
    assertThat(Endpoints.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(Endpoints.isLoopback("localhost.evil.example")).isFalse();
    assertThat(Endpoints.isLoopback("169.254.169.254")).isFalse();
  }

  @Test
  void plainHttpForLocalhostNamesIsDecidedOnTheirAddresses() throws Exception {
    HostClassifier foo = HostClassifier.resolvingWith(name -> new InetAddress[] {InetAddress.getByName("10.0.0.5")});
    assertThatThrownBy(() -> Endpoints.requireSecure(URI.create("http://foo.localhost:8080/t"), "x", STRICT,
        Set.of(), foo)).isInstanceOf(TokenException.class).hasMessageContaining("uses plain http");
    HostClassifier local = HostClassifier.resolvingWith(name -> new InetAddress[] {InetAddress.getByName("::1")});
    assertThatCode(() -> Endpoints.requireSecure(URI.create("http://foo.localhost:8080/t"), "x", STRICT, Set.of(),
        local)).doesNotThrowAnyException();
  }

  @Test
  void plainHttpOnlyForLoopbackTheGivenMetadataHostsOrWhenAllowed() throws Exception {
    assertThatCode(() -> Endpoints.requireSecure(URI.create("https://idp.example/t"), "x", STRICT, Set.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> Endpoints.requireSecure(URI.create("http://[::1]:8080/t"), "x", STRICT, Set.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> Endpoints.requireSecure(URI.create("http://169.254.169.254/t"), "x", STRICT,
        Set.of("169.254.169.254"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> Endpoints.requireSecure(URI.create("http://169.254.169.254/t"), "x", STRICT, Set.of()))
        .isInstanceOf(TokenException.class);
    HttpSettings insecure = new HttpSettings(Duration.ofSeconds(1), 1024, true, Optional.empty());
    assertThatCode(() -> Endpoints.requireSecure(URI.create("http://idp.example/t"), "x", insecure, Set.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void urlsAreCheckedAndDescribedWithoutSecrets() throws Exception {
    assertThat(Endpoints.describe(URI.create("https://idp.example:8443/oauth/token?key=s3cret#f")))
        .isEqualTo("https://idp.example:8443/oauth/token");
    assertThatThrownBy(() -> Endpoints.parse(JwtOption.TOKEN_ENDPOINT, "https://user:s3cret@idp.example/token"))
        .hasMessageContaining("must not contain user information").hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> Endpoints.parse(JwtOption.TOKEN_ENDPOINT, "ftp://idp.example/token"))
        .hasMessageContaining("absolute https:// URL");
    assertThatThrownBy(() -> Endpoints.parse(JwtOption.TOKEN_ENDPOINT, "https://idp example"))
        .hasMessageStartingWith("jwt.tokenEndpoint is not a valid URL");
  }
}
