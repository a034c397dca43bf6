#!/usr/bin/env python3
"""A misbehaving XMPP server for the probe's tests: what no real server does.

Usage: fakexmpp.py MODE ADDR PORT [CERT KEY LOG]
  silent     accepts and never answers
  garbage    answers with bytes that are not XML
  endless    opens a stream, then sends elements forever (never features)
  doctype    opens with a DOCTYPE and an entity declaration
  tlsabort   offers STARTTLS, says proceed, then closes in the handshake
  notls      features without STARTTLS and without dialback
  trickle    header and features (dialback, no TLS) one byte at a time
  tlsfail    offers STARTTLS and answers it with <failure/>
  record     a well-behaved STARTTLS server that writes to LOG the stream
             headers it receives and the SNI of the handshake
Every connection is bounded; the server exits after 120 s on its own.
Only loopback addresses are accepted.
"""
import socket
import ssl
import sys
import threading
import time

HDR = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:server' "
       b"xmlns:stream='http://etherx.jabber.org/streams' id='fake' "
       b"from='fake.test' version='1.0'>")


def record(conn, cert, key, logname):
    log = open(logname, "a")
    log.write("header: %s\n" % conn.recv(4096).decode(errors="replace"))
    log.flush()
    conn.sendall(HDR + b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                 b"<required/></starttls></stream:features>")
    conn.recv(4096)
    conn.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    def on_sni(sock, name, context):
        log.write("sni: %s\n" % name)
        log.flush()  # and None: go on with the handshake
    ctx.sni_callback = on_sni
    tls = ctx.wrap_socket(conn, server_side=True)
    log.write("restart: %s\n" % tls.recv(4096).decode(errors="replace"))
    log.flush()
    tls.sendall(HDR.replace(b"from=", b"xmlns:db='jabber:server:dialback' from=") +
                b"<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>")
    time.sleep(1)


def serve(mode, conn, extra):
    conn.settimeout(30)
    try:
        if mode == "silent":
            time.sleep(30)
        elif mode == "garbage":
            conn.recv(4096)
            conn.sendall(b"\x16\x03\x01 HTTP/1.1 400 Bad Request\r\n<<<>>>&&&\x00\xff")
            time.sleep(2)
        elif mode == "endless":
            conn.recv(4096)
            conn.sendall(HDR)
            deadline = time.time() + 30
            while time.time() < deadline:  # bounded: 30 s at most
                conn.sendall(b"<x xmlns='urn:fake'>" + b"a" * 4000 + b"</x>")
        elif mode == "doctype":
            conn.recv(4096)
            conn.sendall(b"<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY a 'aaaaaaaaaa'>"
                         b"<!ENTITY b '&a;&a;&a;&a;&a;&a;'>]><stream:stream "
                         b"xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'>&b;")
            time.sleep(2)
        elif mode == "tlsabort":
            conn.recv(4096)
            conn.sendall(HDR + b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
                         b"<required/></starttls></stream:features>")
            conn.recv(4096)
            conn.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
            conn.recv(100)  # part of the ClientHello, then gone
        elif mode == "trickle":
            conn.recv(4096)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn.sendall(HDR.replace(b"from=", b"xmlns:db='jabber:server:dialback' from="))
            for b in b"<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>":
                conn.sendall(bytes([b]))  # one segment a byte
                time.sleep(0.02)
            time.sleep(5)  # then waits, as a server does
        elif mode == "tlsfail":
            conn.recv(4096)
            conn.sendall(HDR + b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                         b"</stream:features>")
            conn.recv(4096)
            conn.sendall(b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>")
            time.sleep(1)
        elif mode == "record":
            record(conn, *extra)
        elif mode == "notls":
            conn.recv(4096)
            conn.sendall(HDR.replace(b"jabber:server'", b"jabber:server' ", 1) +
                         b"<stream:features/>")
            time.sleep(2)
    except (OSError, ssl.SSLError):
        pass
    finally:
        conn.close()


def main():
    mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if not addr.startswith("127."):
        sys.exit("loopback addresses only")
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((addr, port))
    srv.listen(16)
    srv.settimeout(1)
    end = time.time() + 120
    while time.time() < end:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(mode, conn, sys.argv[4:]), daemon=True).start()


if __name__ == "__main__":
    main()
