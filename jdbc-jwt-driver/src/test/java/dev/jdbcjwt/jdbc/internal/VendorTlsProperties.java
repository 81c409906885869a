package dev.jdbcjwt.jdbc.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a vendor URL looks like, reading its TLS settings and hosts gives an answer, never an exception. */
class VendorTlsProperties {

  @Property(tries = 300)
  void anyVendorUrlIsReadForEveryKnownVendor(@ForAll("vendorUrls") String url) {
    VendorAddress address = VendorAddress.parse(url);
    Properties props = new Properties();
    props.setProperty("sslMode", "REQUIRED");
    for (VendorTls.Transport t : new VendorTls.Transport[] {VendorTls.postgres(address, props),
        VendorTls.mysql(address, props), VendorTls.mariadb(address, props)}) {
      assertThat(t.hosts()).isNotEmpty().doesNotContainNull();
      assertThat(t.found()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> vendorUrls() {
    Arbitrary<String> tail = Arbitraries.strings().withChars("ab.1:[]()/,=@?&%;sslmode").ofMaxLength(60);
    Arbitrary<String> scheme = Arbitraries.of("jdbc:postgresql:", "jdbc:mysql:", "jdbc:mariadb:", "jdbc:mysql:"
        + "loadbalance:");
    return scheme.flatMap(s -> Arbitraries.oneOf(tail.map(t -> s + t), tail.map(t -> s + "//" + t)));
  }
}
