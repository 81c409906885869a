package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticAndFileProviderTest {

  private static final java.security.PrivateKey KEY = TestKeys.rsa().getPrivate();

  static String jwt(String subject, long expEpochSecond) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject(subject)
        .expirationTime(Date.from(Instant.ofEpochSecond(expEpochSecond))).build());
    jwt.sign(new RSASSASigner(KEY));
    return jwt.serialize();
  }

  @Test
  void staticHandsOutTheGivenToken() throws Exception {
    String value = jwt("app", 4_000_000_000L);
    TokenSource s = TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", value), null));
    assertThat(s.fetch().value().reveal()).isEqualTo(value);
    assertThat(s.fetch().expiresAt()).isEqualTo(Instant.ofEpochSecond(4_000_000_000L));
  }

  @Test
  void staticRequiresItsToken() {
    assertThatThrownBy(() -> TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "static"), null)))
        .hasMessage("jwt.token is required by jwt.provider=static; give it as env:NAME, file:/path or the value "
            + "itself");
  }

  @Test
  void fileIsReReadWhenItIsRotatedInPlace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, jwt("first", 4_000_000_000L) + "\n");
    TokenSource s = TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "file",
        "jwt.tokenFile", file.toString()), null), Clock.systemUTC());
    assertThat(s.fetch().subject()).contains("first");
    assertThat(s.fetch()).isSameAs(s.fetch());

    // Kubernetes writes a new file and swaps it in atomically
    Path next = dir.resolve("token.next");
    Files.writeString(next, jwt("second", 4_000_000_100L));
    Files.setLastModifiedTime(next, FileTime.from(Instant.now().plusSeconds(5)));
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

    assertThat(s.fetch().subject()).contains("second");
  }

  @Test
  void fileErrorsNameTheOptionAndPath(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "file",
        "jwt.tokenFile", missing.toString()), null)))
        .isInstanceOf(TokenException.class)
        .hasMessage("jwt.tokenFile: file '" + missing + "' does not exist");

    Path garbage = dir.resolve("garbage");
    Files.writeString(garbage, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOi.xyz");
    assertThatThrownBy(() -> TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "file",
        "jwt.tokenFile", garbage.toString()), null)))
        .hasMessageStartingWith("jwt.tokenFile: file '" + garbage + "': the token is not a well-formed JWT")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("eyJzdWIiOi"));
  }
}
