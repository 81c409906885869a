package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SigningAlgorithm;
import dev.jdbcjwt.token.config.TokenConfig;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the private key of {@code jwt.signingKey} or {@code jwt.clientAssertionKey} (PEM PKCS#8 or JWK; RSA, EC or
 * Ed25519) with the JDK's own key factories, and pairs it with a nimbus signer and an algorithm. Messages name the
 * option and never quote the key. Public for the other built-in providers; internal like
 * its package (package-info).
 */
public final class SigningKeys {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";
  /** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
  private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

  private static final Set<JWSAlgorithm> RSA_ALGS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  /**
   * A usable signing key: the signer, its algorithm, the key id from the JWK (if any) and the public half to publish
   * (its key id: the JWK's, else the RFC 7638 thumbprint).
   */
  public record SigningKey(JWSSigner signer, JWSAlgorithm algorithm, Optional<String> jwkKeyId,
      com.nimbusds.jose.jwk.JWK publicJwk) {

    /** The key id tokens carry unless jwt.keyId says otherwise: the JWK's own, else the public key's thumbprint. */
    public String defaultKeyId() {
      return publicJwk.getKeyID();
    }
  }

  private SigningKeys() {
  }

  /** {@code jwt.algorithm} by its JWS name, when set. */
  public static Optional<String> algorithm(TokenConfig config) {
    return config.choice(JwtOption.ALGORITHM, SigningAlgorithm.class).map(SigningAlgorithm::optionValue);
  }

  static SigningKey read(Secret text, Optional<String> algorithm) throws TokenException {
    return read(JwtOption.SIGNING_KEY, text, algorithm);
  }

  /** Reads the key given in {@code option}; error messages name that option. */
  public static SigningKey read(JwtOption option, Secret text, Optional<String> algorithm) throws TokenException {
    String optionKey = option.key();
    String t = text.reveal().strip();
    Optional<String> kid = Optional.empty();
    PrivateKey key;
    if (t.startsWith("{")) {
      JWK jwk = parseJwk(t, optionKey);
      kid = Optional.ofNullable(jwk.getKeyID());
      key = privateKeyOf(jwk, optionKey);
    } else if (t.contains(PKCS8_BEGIN)) {
      key = parsePkcs8(t, optionKey);
    } else if (t.contains("-----BEGIN RSA PRIVATE KEY-----") || t.contains("-----BEGIN EC PRIVATE KEY-----")
        || t.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || t.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
      throw TokenException.configuration(optionKey + " holds a PEM key in a format that is not read here; convert it to "
          + "unencrypted PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
    } else {
      throw TokenException.configuration(optionKey + " is neither a PEM private key ('" + PKCS8_BEGIN + "') nor a JWK "
          + "(JSON); give the key itself or a reference: file:/path/key.pem or env:NAME");
    }
    Paired paired = pair(key, algorithm, optionKey);
    try {
      return new SigningKey(paired.signer(), paired.algorithm(), kid,
          PublicKeys.publicJwk(key, paired.algorithm(), kid));
    } catch (GeneralSecurityException e) {
      throw TokenException.configuration(optionKey + ": the public half of the key cannot be derived ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static JWK parseJwk(String json, String optionKey) throws TokenException {
    try {
      JWK jwk = JWK.parse(json);
      if (!jwk.isPrivate()) {
        throw TokenException.configuration(optionKey + " is a public JWK; signing needs the private key (with 'd')");
      }
      return jwk;
    } catch (java.text.ParseException e) {
      throw TokenException.configuration(optionKey + " looks like a JWK but cannot be parsed as one");
    }
  }

  private static PrivateKey privateKeyOf(JWK jwk, String optionKey) throws TokenException {
    try {
      if (jwk instanceof RSAKey rsa) {
        return rsa.toPrivateKey();
      }
      if (jwk instanceof ECKey ec) {
        return ec.toPrivateKey();
      }
      if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        byte[] seed = okp.getDecodedD();
        byte[] der = new byte[ED25519_PKCS8_PREFIX.length + seed.length];
        System.arraycopy(ED25519_PKCS8_PREFIX, 0, der, 0, ED25519_PKCS8_PREFIX.length);
        System.arraycopy(seed, 0, der, ED25519_PKCS8_PREFIX.length, seed.length);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      }
    } catch (JOSEException | GeneralSecurityException e) {
      throw TokenException.configuration(optionKey + ": the JWK's private key cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
    throw TokenException.configuration(optionKey + ": JWK key type " + jwk.getKeyType()
        + " is not supported; use an RSA, EC or Ed25519 key");
  }

  private static PrivateKey parsePkcs8(String pem, String optionKey) throws TokenException {
    int start = pem.indexOf(PKCS8_BEGIN) + PKCS8_BEGIN.length();
    int end = pem.indexOf(PKCS8_END, start);
    if (end < 0) {
      throw TokenException.configuration(optionKey + ": the PEM block has no '" + PKCS8_END + "' line");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(start, end));
    } catch (IllegalArgumentException e) {
      throw TokenException.configuration(optionKey + ": the PEM block is not valid base64");
    }
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next key type
      }
    }
    throw TokenException.configuration(optionKey + ": the PEM block is not an RSA, EC or Ed25519 PKCS#8 private key");
  }

  private record Paired(JWSSigner signer, JWSAlgorithm algorithm) {
  }

  private static Paired pair(PrivateKey key, Optional<String> algorithmName, String optionKey)
      throws TokenException {
    Optional<JWSAlgorithm> requested = algorithmName.map(JWSAlgorithm::parse);
    try {
      if (key instanceof RSAPrivateKey rsa) {
        JWSAlgorithm alg = requested.orElse(JWSAlgorithm.RS256);
        requireFits(alg, RSA_ALGS.contains(alg), "RSA", "RS256, RS384, RS512, PS256, PS384 or PS512", optionKey);
        if (rsa.getModulus().bitLength() < 2048) {
          throw TokenException.configuration(optionKey + ": the RSA key has " + rsa.getModulus().bitLength()
              + " bits; use at least 2048");
        }
        return new Paired(new RSASSASigner(rsa), alg);
      }
      if (key instanceof ECPrivateKey ec) {
        Curve curve = Curve.forECParameterSpec(ec.getParams());
        JWSAlgorithm implied = curve == null ? null : ecAlgorithmFor(curve);
        if (implied == null) {
          throw TokenException.configuration(optionKey + ": the EC key's curve is not P-256, P-384 or P-521");
        }
        JWSAlgorithm alg = requested.orElse(implied);
        requireFits(alg, alg.equals(implied), "EC " + curve.getName(), implied.getName(), optionKey);
        return new Paired(new ECDSASigner(ec), alg);
      }
      if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
        JWSAlgorithm alg = requested.orElse(JWSAlgorithm.EdDSA);
        requireFits(alg, JWSAlgorithm.EdDSA.equals(alg), "Ed25519", "EdDSA", optionKey);
        return new Paired(new JdkEd25519Signer(key), alg);
      }
    } catch (JOSEException e) {
      throw TokenException.configuration(optionKey + ": the key cannot sign (" + e.getClass().getSimpleName() + ")");
    }
    throw TokenException.configuration(optionKey + ": key algorithm " + key.getAlgorithm() + " is not supported");
  }

  private static JWSAlgorithm ecAlgorithmFor(Curve curve) {
    if (Curve.P_256.equals(curve)) {
      return JWSAlgorithm.ES256;
    }
    if (Curve.P_384.equals(curve)) {
      return JWSAlgorithm.ES384;
    }
    return Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : null;
  }

  private static void requireFits(JWSAlgorithm alg, boolean fits, String keyKind, String allowed, String optionKey)
      throws TokenException {
    if (!fits) {
      throw TokenException.configuration(JwtOption.ALGORITHM.key() + "=" + alg.getName() + " does not fit the "
          + keyKind + " key of " + optionKey + "; use " + allowed + " or leave " + JwtOption.ALGORITHM.key() + " out");
    }
  }
}
