package dev.jdbcjwt.testing.postgres;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.ResultCode;

import dev.jdbcjwt.testing.JwtValidator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers simple binds as {@code cn=<user>,dc=jwt,dc=test} by validating the password as a JWT for that user.
 * Everything else is refused with unwillingToPerform. Stateless per connection, so one instance serves all.
 */
final class JwtBindHandler extends LDAPListenerRequestHandler {

  private static final String UNSUPPORTED = "this directory only answers simple binds";

  private final java.util.function.Supplier<JwtValidator> validator;
  private final BindLedger ledger;

  JwtBindHandler(java.util.function.Supplier<JwtValidator> validator, BindLedger ledger) {
    this.validator = validator;
    this.ledger = ledger;
  }

  /** The user of a bind DN written as PostgreSQL's {@code ldapprefix + user + ldapsuffix}, or null. */
  static String userOf(String bindDn) {
    String prefix = JwtLdapBridge.DN_PREFIX;
    String suffix = JwtLdapBridge.DN_SUFFIX;
    if (bindDn == null || bindDn.length() <= prefix.length() + suffix.length()) {
      return null;
    }
    String lower = bindDn.toLowerCase(Locale.ROOT);
    if (!lower.startsWith(prefix) || !lower.endsWith(suffix)) {
      return null;
    }
    return bindDn.substring(prefix.length(), bindDn.length() - suffix.length());
  }

  @Override
  public LDAPListenerRequestHandler newInstance(LDAPListenerClientConnection connection) {
    return this;
  }

  @Override
  public LDAPMessage processBindRequest(int messageId, BindRequestProtocolOp request, List<Control> controls) {
    String user = userOf(request.getBindDN());
    String key = user == null ? String.valueOf(request.getBindDN()) : user;
    if (request.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
      return refuse(messageId, key, ResultCode.AUTH_METHOD_NOT_SUPPORTED, "only simple binds are supported");
    }
    if (user == null) {
      return refuse(messageId, key, ResultCode.INVALID_CREDENTIALS,
          "bind DN is not " + JwtLdapBridge.DN_PREFIX + "<user>" + JwtLdapBridge.DN_SUFFIX);
    }
    String token = request.getSimplePassword() == null ? "" : request.getSimplePassword().stringValue();
    Optional<String> rejection = validator.get().rejectionReason(user, token);
    if (rejection.isPresent()) {
      return refuse(messageId, key, ResultCode.INVALID_CREDENTIALS, rejection.get());
    }
    ledger.success(user);
    return bindResponse(messageId, ResultCode.SUCCESS, null);
  }

  private LDAPMessage refuse(int messageId, String key, ResultCode code, String reason) {
    ledger.failure(key, reason);
    return bindResponse(messageId, code, reason);
  }

  private static LDAPMessage bindResponse(int messageId, ResultCode code, String diagnostic) {
    return new LDAPMessage(messageId, new BindResponseProtocolOp(code.intValue(), null, diagnostic, null, null));
  }

  private static final int UNWILLING = ResultCode.UNWILLING_TO_PERFORM.intValue();

  @Override
  public LDAPMessage processAddRequest(int messageId, AddRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(messageId, new AddResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }

  @Override
  public LDAPMessage processCompareRequest(int messageId, CompareRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(messageId, new CompareResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }

  @Override
  public LDAPMessage processDeleteRequest(int messageId, DeleteRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(messageId, new DeleteResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }

  @Override
  public LDAPMessage processExtendedRequest(int messageId, ExtendedRequestProtocolOp request,
      List<Control> controls) {
    return new LDAPMessage(messageId,
        new ExtendedResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null, null, null));
  }

  @Override
  public LDAPMessage processModifyRequest(int messageId, ModifyRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(messageId, new ModifyResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }

  @Override
  public LDAPMessage processModifyDNRequest(int messageId, ModifyDNRequestProtocolOp request,
      List<Control> controls) {
    return new LDAPMessage(messageId, new ModifyDNResponseProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }

  @Override
  public LDAPMessage processSearchRequest(int messageId, SearchRequestProtocolOp request, List<Control> controls) {
    return new LDAPMessage(messageId, new SearchResultDoneProtocolOp(UNWILLING, null, UNSUPPORTED, null));
  }
}
