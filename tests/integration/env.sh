# Real partners for the probe: a test CA made with openssl, Prosody
# instances in the foreground on 127.0.0.x, dnsmasq on a loopback port
# serving the SRV records, and fakexmpp.py. Everything is stopped by PID.
PIDS=""
stop_servers() { for p in $PIDS; do kill "$p" 2>/dev/null; done; sleep 0.2; for p in $PIDS; do kill -9 "$p" 2>/dev/null; done; }
CLEANUPS="${CLEANUPS:-} stop_servers"
PKI="$TMP/pki"
DNS_PORT=$((20000 + $$ % 20000))

make_ca() {
  mkdir -p "$PKI"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 30 -subj "/CN=xmppfed test CA" 2>/dev/null
}

# make_cert NAME DAYS [SAN]: a certificate for NAME signed by the test CA
# (SAN defaults to the DNS-ID and the XmppAddr of NAME).
make_cert() {
  local n=$1 days=$2 san=${3:-"DNS:$1,otherName:1.3.6.1.5.5.7.8.5;UTF8:$1"}
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PKI/$n.key" \
    -out "$PKI/$n.csr" -subj "/CN=$n" 2>/dev/null
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth\n' "$san" > "$PKI/$n.ext"
  openssl x509 -req -in "$PKI/$n.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" -CAcreateserial \
    -out "$PKI/$n.pem" -days "$days" -extfile "$PKI/$n.ext" 2>/dev/null
}

make_selfsigned() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$PKI/$1.key" \
    -out "$PKI/$1.pem" -days 30 -subj "/CN=$1" -addext "subjectAltName=DNS:$1" 2>/dev/null
}

wait_port() { # ADDR PORT: bounded, 10 s
  local i
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  fail "nothing listens on $1:$2"; return 1
}

# start_prosody HOST ADDR CERTNAME|none REQUIRE_ENCRYPTION [DIRECT_TLS_PORT [SECURE_AUTH]]
# SECURE_AUTH true: the remote server (we) must present a certificate that
# the test CA signed, valid for the 'from' domain.
start_prosody() {
  local host=$1 addr=$2 cert=$3 req=$4 direct=${5:-} secure=${6:-false} dir="$TMP/prosody-$1"
  mkdir -p "$dir/data"
  {
    echo "daemonize = false; run_as_root = true"
    echo "pidfile = '$dir/pid'; data_path = '$dir/data'"
    echo "interfaces = { '$addr' }; s2s_ports = { 5269 }"
    [ -n "$direct" ] && echo "s2s_direct_tls_ports = { $direct }"
    echo "c2s_ports = { }; http_ports = { }; https_ports = { }; component_ports = { }"
    echo "modules_disabled = { 'admin_shell', 'c2s', 'posix', 'http' $([ "$cert" = none ] && echo ", 'tls'") }"
    echo "modules_enabled = { 'dialback', 'saslauth', 's2s_auth_certs' $([ "$cert" != none ] && echo ", 'tls'") }"
    echo "s2s_require_encryption = $req; s2s_secure_auth = $secure"
    [ "$cert" != none ] && echo "ssl = { certificate = '$PKI/$cert.pem', key = '$PKI/$cert.key', cafile = '$PKI/ca.pem' }"
    echo "log = { { levels = { min = 'info' }, to = 'file', filename = '$dir/log' } }"
    echo "VirtualHost '$host'"
  } > "$dir/cfg.lua"
  prosody -F --config "$dir/cfg.lua" >"$dir/out" 2>&1 &
  PIDS="$PIDS $!"
}

# start_dns RECORD-OPTIONS...: dnsmasq on 127.0.0.1:$DNS_PORT, answering
# NXDOMAIN for anything under .test it was not told about.
start_dns() {
  dnsmasq --keep-in-foreground --conf-file=/dev/null --port="$DNS_PORT" \
    --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
    --local=/test/ --user=root --pid-file="$TMP/dnsmasq.pid" "$@" \
    >"$TMP/dnsmasq.out" 2>&1 &
  PIDS="$PIDS $!"
}

start_fake() { # MODE ADDR PORT
  python3 tests/integration/fakexmpp.py "$@" >"$TMP/fake-$1.out" 2>&1 &
  PIDS="$PIDS $!"
}
