#!/usr/bin/env python3
"""Writes the committed seed corpora and the known crash reproducers of
fuzz/ (run from the top of the tree; it only ever adds or rewrites the
files named here). The formats are described at the top of each
fuzz/fuzz_TARGET.c."""
import os
import struct
import subprocess
import tempfile

def put(target, name, data, kind="corpus"):
    d = os.path.join("fuzz", kind, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

# --- config: one byte picks the change (byte % 6), then the file -------
example = open("examples/partners.conf", "rb").read()
for op in range(6):
    put("config", "example-op%d" % op, bytes([0x30 + op]) + example)
CONFIGS = {
    "empty": b"",
    "gateway": b'gateway = { local_domain = "contoso.com"; ca_file = "/etc/ssl/ca.pem";'
               b' dns_server = "127.0.0.1:53"; test_timeout = 30; partner_connection_limit = 5; };\n',
    "unknown-settings": b'version = 1;\nfuture = { x = [1, 2, 3]; };\npartners = ( { domain = "a.example";'
                        b' sals = "not-supported"; vendor_x = 1.5; extra = { y = "z"; }; } );\n',
    "values-in-error": b'partners = ( { domain = "b.example"; tls = "requried"; sasl = 7;'
                       b' dialback = "maybe"; connection_limit = 0; keep_alive = 2;'
                       b' description = "\\x01\\xc3X\\x82"; proxy_fqdn = "[::1"; } );\n',
    "wrong-types": b'partners = ( 5, { domain = ["x"]; additional_domains = { a = 1; }; },'
                   b' { domain = "c.example"; additional_domains = [ 1, 2 ]; } );\ngateway = 3;\n',
    "partners-not-list": b'partners = { domain = "d.example"; };\n',
    "duplicates": b'partners = ( { domain = "e.example"; additional_domains = ["f.example"]; },'
                  b' { domain = "F.example"; } );\n',
    "idn": 'partners = ( { domain = "münchen.example"; additional_domains = ["xn--mnchen-3ya.test",'
           ' "東京.example"]; type = "PublicVerified"; tls = "NotSupported"; sasl = "$true"; } );\n'.encode(),
    "syntax-error": b'partners = ( { domain = "g.example" ) ;\n',
    "int64": b'gateway = { test_timeout = 99999999999L; partner_connection_limit = -1; };\n',
    "version-2": b'version = 2;\npartners = ();\n',
}
for i, (name, text) in enumerate(sorted(CONFIGS.items())):
    put("config", name, bytes([0x30 + i % 6]) + text)

# --- xmlstream: 4 bytes of chunk seed, then the stream -----------------
HDR = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
       b"xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' "
       b"id='abc' from='partner.example' version='1.0'>")
STREAMS = {
    "starttls-required": HDR + b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                         b"<required/></starttls><dialback xmlns='urn:xmpp:features:dialback'/>"
                         b"</stream:features>",
    "sasl": HDR + b"<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            b"<mechanism>EXTERNAL</mechanism><mechanism>PLAIN</mechanism></mechanisms>"
            b"</stream:features><success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>",
    "sasl-failure": HDR + b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>",
    "error": HDR + b"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
             b"<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>No such host &amp; more</text>"
             b"</stream:error></stream:stream>",
    "proceed": HDR + b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\x16\x03\x01\x00\xff<<<",
    "tls-failure": HDR + b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>",
    "keepalive": HDR + b"   \n \n<stream:features/>  ",
    "doctype": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><stream:stream/>",
    "pi": HDR + b"<?evil data?>",
    "deep": HDR + b"<a>" * 40,
    "garbage": b"\x16\x03\x01 HTTP/1.1 400 Bad Request\r\n<<<>>>&&&\x00\xff",
    "not-a-stream": b"<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
    "utf16": "<?xml version='1.0' encoding='UTF-16'?><stream:stream/>".encode("utf-16"),
}
for i, (name, s) in enumerate(sorted(STREAMS.items())):
    put("xmlstream", name, struct.pack("<I", [0, 1, 2, 3, 7, 0x1234567, 0xdeadbeef][i % 7]) + s)
# fixed in core/xmlstream.c: UTF-16 taken or not, by how the bytes were split
put("xmlstream", "utf16-by-split", b"0\xff\xff_ \x00\r\x91\xb8", "crashes")

# --- domain: the text itself -------------------------------------------
DOMAINS = ["example.com", "Example.COM", "münchen.example", "xn--mnchen-3ya.example",
           "東京.jp", "example.com:5269", "[::1]:5269", "[2001:db8::1]", "127.0.0.1:80",
           "bad..name", "-a.example", "a.example.", "1.2.3.4.5", "example.com:0",
           "example.com:65536", "a" * 64 + ".example", ".".join(["abc"] * 70),
           "ÖBB.at", "ß.de", "faß.de", "xn--zca.de", "host:port:x", "[::1", "a_b.example",
           "\u202eevil.example", "a.example, b.example", "a.example b.example,,c.example",
           "PublicVerified", "$true", "NotSupported", "1000", "0", "", "  ", "xn--mnchen-3ya.example:5269", "example.com:+80"]
for i, d in enumerate(DOMAINS):
    put("domain", "d%02d" % i, d)
# item 15: A-labels that are not in canonical form (helper "values")
put("domain", "xn--a-u0080", "xn--a.example", "crashes")
put("domain", "xn-upper-case", "xn--86ak0aa92e.com", "crashes")
put("domain", "xn-emoji", "xn--ls8h.la", "crashes")  # IDNA2003 only: U+1F4A9
put("domain", "xn-found-by-fuzzing", "xn--Example.COM", "crashes")  # shown as Greek

# --- tlsname: mode, domain length + domain, then kind, len, bytes ------
K_DNS, K_SRV_IA5, K_SRV_UTF8, K_XMPP_UTF8, K_XMPP_IA5, K_XMPP_BMP, K_CN, K_URI = range(8)
def entries(*e):
    return b"".join(bytes([k, len(v)]) + v for k, v in e)
def tls(domain, *e):
    return b"\x00" + bytes([len(domain)]) + domain + entries(*e)
TLS = {
    "dns": tls(b"example.com", (K_DNS, b"example.com")),
    "dns-case": tls(b"example.com", (K_DNS, b"EXAMPLE.Com")),
    "wildcard": tls(b"a.example.com", (K_DNS, b"*.example.com")),
    "wildcard-two-labels": tls(b"a.b.example.com", (K_DNS, b"*.example.com")),
    "wildcard-partial": tls(b"foo.example.com", (K_DNS, b"f*.example.com")),
    "wildcard-tld": tls(b"example.com", (K_DNS, b"*.com")),
    "srv-id": tls(b"srv.test", (K_SRV_IA5, b"_xmpp-server.srv.test")),
    "srv-id-utf8": tls(b"srv.test", (K_SRV_UTF8, b"_xmpp-server.SRV.test")),
    "xmppaddr": tls(b"xa.test", (K_XMPP_UTF8, b"xa.test")),
    "xmppaddr-nul": tls(b"xa.test", (K_XMPP_UTF8, b"xa.test\x00.evil")),
    "xmppaddr-bmp": tls(b"xa.test", (K_XMPP_BMP, b"\x00x\x00a")),
    "cn-only": tls(b"cn.test", (K_CN, b"cn.test")),
    "dns-nul": tls(b"example.com", (K_DNS, b"example.com\x00.evil.com")),
    "idn": tls(b"xn--mnchen-3ya.example", (K_DNS, b"*.example"), (K_DNS, b"xn--mnchen-3ya.example")),
    "many": tls(b"m.test", *[(K_DNS, b"name%d.example.org" % i) for i in range(12)],
                (K_URI, b"xmpp:m.test"), (K_XMPP_IA5, b"m.test")),
}
for name, data in sorted(TLS.items()):
    put("tlsname", name, data)
# fixed in core/tlsinfo.c: the SRV-ID of a name longer than 242 characters
long_name = ".".join(["a" * 60] * 3) + "." + "b" * 55 + ".example.org"
srv = b"_xmpp-server." + long_name.encode()
put("tlsname", "long-srv-id", b"\x00" + bytes([len(long_name)]) + long_name.encode()
    + bytes([0x80 | K_SRV_IA5, len(srv) >> 8, len(srv) & 255]) + srv, "crashes")
with tempfile.TemporaryDirectory() as t:  # made once: new keys every time
    for name, san in [("der-wild", "DNS:*.wild.test"),
                      ("der-srv", "otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.srv.test"),
                      ("der-xmpp", "otherName:1.3.6.1.5.5.7.8.5;UTF8:xa.test")]:
        if os.path.exists(os.path.join("fuzz", "corpus", "tlsname", name)):
            continue
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-256", "-nodes", "-keyout", t + "/k", "-out",
                        t + "/c.der", "-outform", "DER", "-days", "30", "-subj", "/CN=x",
                        "-addext", "subjectAltName=" + san], check=True,
                       stderr=subprocess.DEVNULL)
        domain = {"der-wild": b"a.wild.test", "der-srv": b"srv.test", "der-xmpp": b"xa.test"}[name]
        put("tlsname", name, b"\x01" + bytes([len(domain)]) + domain + open(t + "/c.der", "rb").read())

# --- textbuf: max, then operations -------------------------------------
(LEFT, RIGHT, HOME, END, BACKSPACE, DC, DEL_CHAR, CTRL_H, CTRL_U, CTRL_A, CTRL_E,
 CTRL_D, FIT, WCHAR, FNKEY, SET, DRAW, CONTROL) = range(18)
def setb(b):
    return bytes([SET, len(b)]) + b
def wch(c):
    return bytes([WCHAR]) + struct.pack("<I", c)
TEXT = {
    "typing": b"\x00" + b"hello world" + bytes([LEFT, LEFT, BACKSPACE, HOME, DC, END, FIT, 5, DRAW, 10]),
    "wide": b"\x00" + setb("東京 office".encode()) + bytes([HOME, RIGHT, FIT, 3, DRAW, 3]) + wch(0x1F600),
    "invalid-bytes": b"\x00" + setb(b"\xff\xfe\xc3(") + bytes([LEFT, LEFT, DRAW, 4, DC, FIT, 2]),
    "controls": b"\x00" + setb(b"a\x01b\x7fc") + bytes([CONTROL, 9, CTRL_A, CTRL_D, FIT, 1]),
    "max": b"\x05" + b"abcdefgh" + wch(0xE9) + bytes([CTRL_U]) + b"xyz",
    "odd-wint": b"\x00" + wch(0xD800) + wch(0x110000) + wch(0xFFFFFFFF) + wch(0x85) + wch(0x200B)
               + bytes([FNKEY, 0x01, 0x01, FNKEY, 0x9A, 0x01]),
    "combining": b"\x00" + setb("e\u0301\u0301x".encode()) + bytes([LEFT, LEFT, BACKSPACE, FIT, 2]),
}
for name, data in sorted(TEXT.items()):
    put("textbuf", name, data)
# item 14: Backspace joins invalid bytes into one character (helper "forms")
put("textbuf", "item14-backspace-joins", b"\x00" + setb(b"\xc3X\x82") + bytes([LEFT, BACKSPACE, FIT, 4]), "crashes")
put("textbuf", "item14-combining", b"\x00" + setb(b"e\xcc\xcc\x81\x81x") + bytes([LEFT, LEFT, BACKSPACE, FIT, 2]), "crashes")
