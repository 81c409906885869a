package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * Signs EdDSA (Ed25519) JWTs with the JDK's own Ed25519 implementation (Java 15+), so no extra crypto library is
 * needed; nimbus's own Ed25519 signer requires Google Tink.
 */
final class JdkEd25519Signer implements JWSSigner {

  private final PrivateKey key;
  private final JCAContext jcaContext = new JCAContext();

  JdkEd25519Signer(PrivateKey key) {
    this.key = key;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
      throw new JOSEException("Ed25519 keys sign EdDSA only");
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return jcaContext;
  }
}
