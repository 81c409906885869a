package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PublicKeysTest {

  static KeyPair pair(String kind) {
    return switch (kind) {
      case "rsa" -> TestKeys.rsa();
      case "p256" -> TestKeys.ec("secp256r1");
      case "p384" -> TestKeys.ec("secp384r1");
      case "p521" -> TestKeys.ec("secp521r1");
      default -> TestKeys.ed25519();
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa", "p256", "p384", "p521", "ed25519"})
  void theDerivedPublicKeyIsTheRealOneAndVerifiesTokens(String kind) throws Exception {
    KeyPair pair = pair(kind);
    SigningKeys.SigningKey key = SigningKeys.read(Secret.of(TestKeys.pkcs8Pem(pair)), Optional.empty());
    JWK pub = key.publicJwk();
    assertThat(pub.isPrivate()).isFalse();
    assertThat(pub.getKeyID()).isEqualTo(pub.computeThumbprint().toString());
    assertThat(pub.getAlgorithm()).isEqualTo(key.algorithm());

    SignedJWT jwt = SignedJWT.parse(TokenSources.create(TokenConfig.of(Map.of("jwt.provider", "signed",
        "jwt.signingKey", TestKeys.pkcs8Pem(pair)), "app")).fetch().value().reveal());
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(pub.getKeyID());
    if (pub instanceof RSAKey rsa) {
      assertThat(rsa.toRSAPublicKey()).isEqualTo(pair.getPublic());
      assertThat(jwt.verify(new RSASSAVerifier(rsa))).isTrue();
    } else if (pub instanceof ECKey ec) {
      assertThat(ec.toECPublicKey().getW()).isEqualTo(((java.security.interfaces.ECPublicKey) pair.getPublic()).getW());
      assertThat(jwt.verify(new ECDSAVerifier(ec))).isTrue();
    } else {
      byte[] x = ((OctetKeyPair) pub).getDecodedX();
      byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(x));
      assertThat(der).isEqualTo(pair.getPublic().getEncoded());
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
      v.update(jwt.getSigningInput());
      assertThat(v.verify(jwt.getSignature().decode())).isTrue();
      assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    }
  }
}
