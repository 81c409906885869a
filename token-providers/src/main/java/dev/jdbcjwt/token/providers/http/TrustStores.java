package dev.jdbcjwt.token.providers.http;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Reads {@code jwt.trustStore} (PEM certificates, PKCS#12 or JKS) into a TLS context that trusts only those. */
final class TrustStores {

  private static final String KEY = JwtOption.TRUST_STORE.key();

  private TrustStores() {
  }

  static SSLContext context(Path path, Optional<Secret> password) throws TokenException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw TokenException.configuration(KEY + ": cannot read file '" + path + "' (" + e.getClass().getSimpleName()
          + ")");
    }
    KeyStore store = new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")
        ? fromPem(path, bytes) : fromKeyStore(path, bytes, password);
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw TokenException.configuration(KEY + ": file '" + path + "' cannot be used as a trust store ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static KeyStore fromPem(Path path, byte[] pem) throws TokenException {
    try {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        store.setCertificateEntry("ca-" + i++, c);
      }
      if (i == 0) {
        throw TokenException.configuration(KEY + ": file '" + path + "' holds no certificate");
      }
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw TokenException.configuration(KEY + ": file '" + path + "' holds a PEM certificate that cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static KeyStore fromKeyStore(Path path, byte[] bytes, Optional<Secret> password) throws TokenException {
    char[] pw = password.map(p -> p.reveal().toCharArray()).orElse(null);
    for (String type : List.of("PKCS12", "JKS")) {
      try {
        KeyStore store = KeyStore.getInstance(type);
        store.load(new ByteArrayInputStream(bytes), pw);
        return store;
      } catch (GeneralSecurityException | IOException e) {
        // try the next type
      }
    }
    throw TokenException.configuration(KEY + ": file '" + path + "' is not a PEM certificate file, nor a PKCS#12 "
        + "or JKS trust store that opens with " + JwtOption.TRUST_STORE_PASSWORD.key()
        + (password.isPresent() ? "" : " (which is not set)"));
  }
}
