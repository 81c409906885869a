package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The public half of a private signing key, as a JWK with a key id: what a database or validator is configured to
 * trust. Derived with the JDK only: RSA from the CRT parameters, EC by multiplying the curve's generator, Ed25519 by
 * re-running key generation from the private seed.
 */
public final class PublicKeys {

  private PublicKeys() {
  }

  /**
   * The public JWK of {@code key}, for signing with {@code alg}; its key id is {@code kid} if given, else the RFC 7638
   * thumbprint.
   */
  public static JWK publicJwk(PrivateKey key, JWSAlgorithm alg, Optional<String> kid) throws GeneralSecurityException {
    JWK jwk;
    if (key instanceof RSAPrivateCrtKey rsa) {
      RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      jwk = new RSAKey.Builder(pub).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
    } else if (key instanceof ECPrivateKey ec) {
      ECPoint q = multiply(ec.getParams(), ec.getS());
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      int size = (ec.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      jwk = new ECKey.Builder(curve, Base64URL.encode(unsigned(q.getAffineX(), size)),
          Base64URL.encode(unsigned(q.getAffineY(), size))).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
    } else if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      byte[] encoded = key.getEncoded();
      byte[] seed = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
      byte[] pub = g.generateKeyPair().getPublic().getEncoded();
      jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(pub, pub.length - 32,
          pub.length))).keyUse(KeyUse.SIGNATURE).algorithm(alg).build();
    } else {
      throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
    }
    try {
      String id = kid.isPresent() ? kid.get() : jwk.computeThumbprint().toString();
      return withKeyId(jwk, id);
    } catch (JOSEException e) {
      throw new GeneralSecurityException("cannot compute the key's thumbprint", e);
    }
  }

  /** {@code jwk} with key id {@code kid}. */
  public static JWK withKeyId(JWK jwk, String kid) {
    if (jwk instanceof RSAKey r) {
      return new RSAKey.Builder(r).keyID(kid).build();
    }
    if (jwk instanceof ECKey e) {
      return new ECKey.Builder(e).keyID(kid).build();
    }
    return new OctetKeyPair.Builder((OctetKeyPair) jwk).keyID(kid).build();
  }

  /** d·G on a prime curve, by double-and-add in affine coordinates. */
  static ECPoint multiply(ECParameterSpec spec, BigInteger d) {
    BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
    BigInteger a = spec.getCurve().getA();
    ECPoint result = ECPoint.POINT_INFINITY;
    ECPoint addend = spec.getGenerator();
    for (int i = 0; i < d.bitLength(); i++) {
      if (d.testBit(i)) {
        result = add(result, addend, p, a);
      }
      addend = add(addend, addend, p, a);
    }
    return result;
  }

  private static ECPoint add(ECPoint u, ECPoint v, BigInteger p, BigInteger a) {
    if (u.equals(ECPoint.POINT_INFINITY)) {
      return v;
    }
    if (v.equals(ECPoint.POINT_INFINITY)) {
      return u;
    }
    BigInteger x1 = u.getAffineX();
    BigInteger y1 = u.getAffineY();
    BigInteger x2 = v.getAffineX();
    BigInteger y2 = v.getAffineY();
    BigInteger lambda;
    if (x1.equals(x2)) {
      if (!y1.equals(y2) || y1.signum() == 0) {
        return ECPoint.POINT_INFINITY;
      }
      lambda = x1.pow(2).multiply(BigInteger.valueOf(3)).add(a).multiply(y1.shiftLeft(1).modInverse(p)).mod(p);
    } else {
      lambda = y2.subtract(y1).multiply(x2.subtract(x1).modInverse(p)).mod(p);
    }
    BigInteger x3 = lambda.pow(2).subtract(x1).subtract(x2).mod(p);
    BigInteger y3 = lambda.multiply(x1.subtract(x3)).subtract(y1).mod(p);
    return new ECPoint(x3, y3);
  }

  private static byte[] unsigned(BigInteger n, int size) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[size];
    int copy = Math.min(raw.length, size);
    System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
    return out;
  }

  /** Hands key generation the private seed instead of random bytes. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
