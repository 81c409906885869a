package dev.jdbcjwt.jdbc.e2e;

/** PostgreSQL 18 {@code oauth} over plain TCP to 127.0.0.1 ({@code hostnossl}; loopback only). */
class Postgres18PlainOAuthLoginTest extends Postgres18OAuthCases {

  @Override
  String vendorUrl() {
    return SERVER.plainVendorUrl();
  }
}
