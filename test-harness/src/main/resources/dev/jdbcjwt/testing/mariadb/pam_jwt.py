# A PAM module for pam_python (Debian: libpam-python) that accepts a JWT as the password.
#
#   auth required /lib/security/pam_python.so /path/pam_jwt.py jwks=/path/jwks.json iss=<issuer> aud=<audience> log=/path/pam.log
#
# The token must be signed by a key of the JWKS file (public keys only; the algorithm comes from the key, never
# from the token), carry iss, aud, exp and sub, and its sub must equal the PAM user. Each decision is appended to
# the log file as one line; the token itself is never written anywhere. Part of the jdbc-jwt test harness
# (dev.jdbcjwt.testing.mariadb.MariaDbServer).
#
# Needs MariaDB's auth_pam (version 2), which runs PAM in a fresh auth_pam_tool process per login. Not usable
# with auth_pam_v1 (PAM inside the server): pam_python is not thread-safe (concurrent logins crash the server),
# and python3-cryptography cannot be initialized twice in one process (only the first login would pass).
#
# Run as a script, the same check reads a token from stdin (for diagnostics and tests):
#   python3 pam_jwt.py --verify <user> jwks=... iss=... aud=... < token

import datetime
import json
import sys

ACCEPTED = "accepted"
REFUSED = "refused"

# Algorithms by key type when a JWK has no "alg". Symmetric ("oct") keys are never trusted.
DEFAULT_ALGORITHMS = {
    ("RSA", None): "RS256",
    ("EC", "P-256"): "ES256",
    ("EC", "P-384"): "ES384",
    ("EC", "P-521"): "ES512",
    ("OKP", "Ed25519"): "EdDSA",
}


class Rejected(Exception):
    """A token that must not log in; the message is a short reason without the token."""


def parse_options(args):
    options = {}
    for arg in args:
        key, sep, value = arg.partition("=")
        if sep:
            options[key] = value
    return options


def safe(value, limit=64):
    """Printable, single-word, bounded rendering of a value that came from a client."""
    text = "" if value is None else str(value)
    text = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text)
    return text[:limit] + ("..." if len(text) > limit else "")


# ---------------------------------------------------------------- the check

def load_keys(jwt, jwks_path):
    """[(kid, algorithm, public key)] from a JWKS file."""
    with open(jwks_path, "r", encoding="utf-8") as f:
        jwks = json.load(f)
    keys = []
    for jwk in jwks.get("keys", []):
        kty = jwk.get("kty")
        if kty == "oct" or "d" in jwk:
            continue
        alg = jwk.get("alg") or DEFAULT_ALGORITHMS.get((kty, None if kty == "RSA" else jwk.get("crv")))
        if alg is None:
            continue
        try:
            keys.append((jwk.get("kid"), alg, jwt.PyJWK(jwk, algorithm=alg).key))
        except Exception:
            continue
    return keys


def verify(token, user, options):
    """Returns the id of the key that verified the token; raises Rejected with the reason otherwise."""
    try:
        import jwt
        import jwt.algorithms
    except ImportError as e:
        raise Rejected("python3-jwt is not installed (%s)" % e.__class__.__name__)
    if not jwt.algorithms.has_crypto:
        raise Rejected("python3-cryptography is not installed")
    for option in ("jwks", "iss", "aud"):
        if not options.get(option):
            raise Rejected("module option %s= is missing" % option)
    if not token:
        raise Rejected("no password given")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise Rejected("not a JWT")
    kid = header.get("kid")
    alg = header.get("alg")
    try:
        keys = load_keys(jwt, options["jwks"])
    except (OSError, ValueError) as e:
        raise Rejected("cannot read the JWKS file (%s)" % e.__class__.__name__)
    candidates = [k for k in keys if kid is None or k[0] == kid]
    if not candidates:
        raise Rejected("unknown key id %s" % safe(kid))
    candidates = [k for k in candidates if k[1] == alg]
    if not candidates:
        raise Rejected("algorithm %s does not match the trusted key" % safe(alg))
    for key_id, key_alg, key in candidates:
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[key_alg],
                issuer=options["iss"],
                audience=options["aud"],
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.InvalidSignatureError:
            continue
        except jwt.ExpiredSignatureError:
            raise Rejected("token expired")
        except jwt.ImmatureSignatureError:
            raise Rejected("token not yet valid (nbf)")
        except jwt.InvalidAudienceError:
            raise Rejected("wrong audience")
        except jwt.InvalidIssuerError:
            raise Rejected("wrong issuer")
        except jwt.MissingRequiredClaimError as e:
            raise Rejected("missing claim %s" % safe(e.claim))
        except jwt.PyJWTError as e:
            raise Rejected("invalid token (%s)" % e.__class__.__name__)
        if claims.get("sub") != user:
            raise Rejected("subject %s is not the login user" % safe(claims.get("sub")))
        return key_id
    raise Rejected("bad signature")


def main(args):
    """Script mode: prints one decision line; exit status 0 when accepted."""
    if len(args) < 2 or args[0] != "--verify":
        sys.stderr.write("usage: pam_jwt.py --verify <user> jwks=<file> iss=<issuer> aud=<audience> < token\n")
        return 2
    token = sys.stdin.buffer.read().decode("utf-8", "replace")
    try:
        kid = verify(token, args[1], parse_options(args[2:]))
    except Rejected as e:
        print("%s %s" % (REFUSED, e))
        return 1
    except Exception as e:
        print("%s checker error (%s)" % (REFUSED, e.__class__.__name__))
        return 1
    print("%s valid token, key id %s" % (ACCEPTED, safe(kid)))
    return 0


# ---------------------------------------------------------------- the PAM side (inside pam_python)

def log(options, user, verdict, reason):
    path = options.get("log")
    if not path:
        return
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    try:
        with open(path, "a", encoding="utf-8") as f:
            f.write("%s user=%s result=%s reason=%s\n" % (now, safe(user), verdict, reason))
    except OSError:
        pass


def read_token(pamh):
    token = pamh.authtok
    if token is None:
        response = pamh.conversation(pamh.Message(pamh.PAM_PROMPT_ECHO_OFF, "Password: "))
        token = response.resp if response is not None else None
    return token


def pam_sm_authenticate(pamh, flags, argv):
    options = parse_options(argv[1:])
    user = None
    try:
        user = pamh.get_user(None)
        if not user:
            raise Rejected("no user name")
        token = read_token(pamh)
        if not token:
            raise Rejected("no password given")
        kid = verify(token, user, options)
    except Rejected as e:
        log(options, user, REFUSED, str(e))
        return pamh.PAM_AUTH_ERR
    except pamh.exception as e:
        log(options, user, REFUSED, "PAM error %d" % e.pam_result)
        return pamh.PAM_AUTH_ERR
    except Exception as e:
        log(options, user, REFUSED, "module error (%s)" % e.__class__.__name__)
        return pamh.PAM_AUTH_ERR
    log(options, user, ACCEPTED, "valid token, key id %s" % safe(kid))
    return pamh.PAM_SUCCESS


def pam_sm_setcred(pamh, flags, argv):
    return pamh.PAM_SUCCESS


def pam_sm_acct_mgmt(pamh, flags, argv):
    return pamh.PAM_SUCCESS


def pam_sm_open_session(pamh, flags, argv):
    return pamh.PAM_SUCCESS


def pam_sm_close_session(pamh, flags, argv):
    return pamh.PAM_SUCCESS


def pam_sm_chauthtok(pamh, flags, argv):
    return pamh.PAM_SERVICE_ERR


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
